// Nothing to call: Sources/CGlibcCompatibility/GlibcCompatibility.c only gives three
// symbols of the Swift toolchain's static libraries older versions when the release
// binary is linked. SwiftPM wants a public header directory for a C target.
#ifndef DRUIDWATCH_GLIBC_COMPATIBILITY_H
#define DRUIDWATCH_GLIBC_COMPATIBILITY_H
#endif
