import DruidWatchAWS

extension SNSClient: NotificationPublisher {}
