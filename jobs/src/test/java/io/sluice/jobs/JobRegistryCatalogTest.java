package io.sluice.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link JobRegistry#catalog()} reads only the jobs module's own services file; on a classpath
 * where nothing else registers a job (this one, as the CLI's) it is the registry {@link
 * JobRegistry#load()} builds by asking every jar.
 */
class JobRegistryCatalogTest {

  @Test
  void theCatalogHasTheSameJobsAsTheWholeClasspath() {
    JobRegistry catalog = JobRegistry.catalog();
    List<Job> everywhere = List.copyOf(JobRegistry.load().all());
    List<Job> listed = List.copyOf(catalog.all());
    assertFalse(listed.isEmpty());
    assertEquals(names(everywhere), names(listed));
    for (int i = 0; i < listed.size(); i++) {
      assertSame(everywhere.get(i).getClass(), listed.get(i).getClass());
      assertEquals(JobRegistry.BUILT_IN, catalog.origin(listed.get(i).name()));
    }
    assertEquals(List.of(), catalog.userJars());
  }

  private static List<String> names(List<Job> jobs) {
    return jobs.stream().map(Job::name).toList();
  }
}
