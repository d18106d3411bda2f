import DruidWatchSystemd

extension SystemdNotifier: ServiceManagerNotifier {}
