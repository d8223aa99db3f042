package io.sluice.jobs.tera;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.mapreduce.lib.input.CombineFileSplit;

/**
 * The {@link SplitSummary} of each range of a combined split ({@link TeraRangesInputFormat}), so a
 * task summarises its ranges exactly as one task per range would: empty ranges included, each range
 * starting at its first whole record.
 */
final class RangeSummaries {
  private final List<SplitSummary> summaries = new ArrayList<>();

  RangeSummaries(CombineFileSplit split) {
    for (int i = 0; i < split.getNumPaths(); i++) {
      summaries.add(
          new SplitSummary(
              split.getPath(i).toString(), TeraFormat.firstRecordAtOrAfter(split.getOffset(i))));
    }
  }

  /** Takes the next record of range {@code range}; each range's records come in file order. */
  void add(int range, byte[] record) {
    summaries.get(range).add(record);
  }

  List<SplitSummary> summaries() {
    return summaries;
  }
}
