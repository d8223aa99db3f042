package io.sluice.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InvocationReportTest {
  @Test
  void lambdasReportLine() {
    InvocationReport cold =
        new InvocationReport(
            "id-1", Duration.ofNanos(12_345_678), 512, 97, Optional.of(Duration.ofMillis(321)));
    assertEquals(
        "REPORT RequestId: id-1\tDuration: 12.35 ms\tBilled Duration: 13 ms\tMemory Size: 512 MB"
            + "\tMax Memory Used: 97 MB\tInit Duration: 321.00 ms",
        cold.line());
    InvocationReport warm =
        new InvocationReport("id-2", Duration.ofNanos(20_000), 128, 97, Optional.empty());
    assertEquals(1, warm.billedMillis());
    assertTrue(warm.line().endsWith("Max Memory Used: 97 MB"), warm.line());
    assertEquals(
        3,
        new InvocationReport("i", Duration.ofMillis(3), 128, 1, Optional.empty()).billedMillis());
    assertEquals("START RequestId: id-1 Version: $LATEST", InvocationReport.startLine("id-1"));
    assertEquals("END RequestId: id-1", InvocationReport.endLine("id-1"));
    assertTrue(InvocationReport.processPeakMemoryMb() > 0);
  }
}
