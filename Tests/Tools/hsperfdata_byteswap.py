#!/usr/bin/env python3
"""Rewrites a little-endian HotSpot perf-data file (hsperfdata) as the big-endian
file a big-endian JVM would have written, so that the parser's byte-order handling
is tested on real content. Layout from OpenJDK perfMemory.hpp: a 32-byte prologue,
then entries of a 20-byte fixed part, a NUL-terminated name and the data.

usage: hsperfdata_byteswap.py little-endian-file big-endian-file
"""
import struct
import sys


def main(source, target):
    data = bytearray(open(source, "rb").read())
    if data[0:4] != b"\xca\xfe\xc0\xc0" or data[4] != 1:
        sys.exit(f"{source}: not a little-endian perf-data file")

    def swap(offset, size):
        data[offset:offset + size] = data[offset:offset + size][::-1]

    used, _, _, entry_offset, entry_count = struct.unpack_from("<iiqii", data, 8)
    data[4] = 0  # PERFDATA_BIG_ENDIAN
    for offset, size in ((8, 4), (12, 4), (16, 8), (24, 4), (28, 4)):
        swap(offset, size)

    start = entry_offset
    for _ in range(entry_count):
        length, _, vector_length = struct.unpack_from("<iii", data, start)
        data_type = chr(data[start + 12])
        (data_offset,) = struct.unpack_from("<i", data, start + 16)
        if data_type == "J" and vector_length == 0:
            swap(start + data_offset, 8)
        elif data_type != "B":
            sys.exit(f"{source}: entry at {start} has type {data_type!r}, which this tool does not swap")
        for field in (0, 4, 8, 16):
            swap(start + field, 4)
        start += length
    if start != used:
        sys.exit(f"{source}: entries end at {start}, the prologue says {used}")
    open(target, "wb").write(data)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
