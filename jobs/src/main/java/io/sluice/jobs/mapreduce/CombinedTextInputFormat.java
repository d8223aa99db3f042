package io.sluice.jobs.mapreduce;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.lib.input.CombineTextInputFormat;

/**
 * Hadoop's {@link CombineTextInputFormat} (byte-offset keys, files split and combined) with splits
 * sized by {@link SmallFileSplits}: for jobs that do not need line numbers, so many small files
 * make a few map tasks. Without a maximum, Hadoop's combining would put a whole local input into
 * one split.
 */
public final class CombinedTextInputFormat extends CombineTextInputFormat {

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
