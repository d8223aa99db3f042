package io.sluice.jobs.mapreduce;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.lib.input.CombineFileInputFormat;

/**
 * Hadoop's file combining (files split and packed together) with the inputs listed and the splits
 * bounded by {@link SmallFileSplits}, so many small files make a few map tasks. Without a maximum,
 * Hadoop's combining would put a whole local input into one split. Subclasses give the reader.
 */
public abstract class SizedCombineInputFormat<K, V> extends CombineFileInputFormat<K, V> {

  @Override
  protected List<FileStatus> listStatus(JobContext job) throws IOException {
    return SmallFileSplits.listFiles(job);
  }

  @Override
  public List<InputSplit> getSplits(JobContext job) throws IOException {
    setMaxSplitSize(SmallFileSplits.maxSplitBytes(job.getConfiguration(), listStatus(job)));
    return super.getSplits(job);
  }
}
