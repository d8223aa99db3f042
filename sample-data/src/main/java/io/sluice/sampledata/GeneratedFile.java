package io.sluice.sampledata;

/**
 * One written file.
 *
 * @param path relative to the output root, with '/' separators
 * @param records data records written (header and comment lines are not records)
 * @param badRecords of those, the ones written wrong on purpose, which a reader must reject
 * @param bytes the file's size
 */
public record GeneratedFile(String path, long records, long badRecords, long bytes) {}
