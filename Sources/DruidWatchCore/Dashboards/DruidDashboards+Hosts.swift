extension DruidDashboards {
    /// CPU, memory, load, disks and network of every instance, named as the CloudWatch
    /// agent names them; the legend shows each instance's Auto Scaling group (its tier).
    static func hosts(_ parameters: DashboardParameters) -> Dashboard {
        var board = DashboardBuilder(parameters: parameters)
        header(&board, .hosts, "One line per instance (InstanceId and AutoScalingGroupName on EC2, Host elsewhere); disks per file system or device.")

        board.graph("CPU used %", [.series(board.search("cpu_usage_active"), stat: "Maximum")], yAxis: percentAxis)
        board.graph("CPU iowait %", [.series(board.search("cpu_usage_iowait"), stat: "Maximum")], yAxis: percentAxis)
        board.graph("CPU steal %", [.series(board.search("cpu_usage_steal"), stat: "Maximum")], yAxis: percentAxis)

        board.graph("Memory used %", [.series(board.search("mem_used_percent"), stat: "Maximum")], yAxis: percentAxis)
        board.graph("Swap used %", [.series(board.search("swap_used_percent"), stat: "Maximum")], yAxis: percentAxis)
        board.graph("Load average (1 min)", [.series(board.search("load1"), stat: "Maximum")], yAxis: zeroAxis)

        board.graph("Disk used % (per file system)", [.series(board.search("disk_used_percent"), stat: "Maximum")], yAxis: percentAxis)
        board.graph("Inodes used % (per file system)", [.series(board.search("disk_inodes_used_percent"), stat: "Maximum")], yAxis: percentAxis)
        board.graph("Disk busy % (per device)", [.series(board.search("diskio_utilization_percent"), stat: "Maximum")], yAxis: percentAxis)

        board.graph("Disk read bytes/s", [.series(board.search("diskio_read_bytes_per_second"), stat: "Average")], yAxis: zeroAxis)
        board.graph("Disk write bytes/s", [.series(board.search("diskio_write_bytes_per_second"), stat: "Average")], yAxis: zeroAxis)
        board.graph("Network errors and drops per minute", [
            .combined("SUM", board.search("net_err_in"), stat: "Sum", label: "errors in"),
            .combined("SUM", board.search("net_err_out"), stat: "Sum", label: "errors out"),
            .combined("SUM", board.search("net_drop_in"), stat: "Sum", label: "drops in"),
            .combined("SUM", board.search("net_drop_out"), stat: "Sum", label: "drops out"),
        ], yAxis: zeroAxis)

        board.graph("Network received bytes/s", [.series(board.search("net_bytes_recv_per_second"), stat: "Average")], width: 12, yAxis: zeroAxis)
        board.graph("Network sent bytes/s", [.series(board.search("net_bytes_sent_per_second"), stat: "Average")], width: 12, yAxis: zeroAxis)
        return board.dashboard(.hosts)
    }
}
