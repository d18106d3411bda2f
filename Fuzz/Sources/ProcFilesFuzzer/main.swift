import DruidWatchSources
import LibFuzzerDriver

// Every /proc reader sees every input: the files share their shapes (tables of
// whitespace-separated numbers), so a seed of one file mutates usefully into another.
LibFuzzer.run { body in
    let text = String(decoding: body, as: UTF8.self)
    _ = try? ProcStat.parse(text)
    _ = try? MemInfo.parse(text)
    _ = try? LoadAverage.parse(text)
    _ = NetDev.parse(text)
    _ = DiskStats.parse(text)
    _ = MountInfo.parse(text)
    _ = KernelFilesystems.parse(text)
}
