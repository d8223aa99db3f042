package io.sluice.runner.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlWriterTest {

  @Test
  void writesNestedMapsAndListsWithEveryStringQuoted() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("kind", "Job");
    doc.put("n", 0);
    doc.put("flag", true);
    doc.put("args", List.of("run", "no", "1", "a \"b\"\n"));
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("name", "x");
    item.put("ref", Map.of("name", "s"));
    doc.put("items", List.of(item));
    doc.put("empty", List.of());
    assertEquals("""
        kind: "Job"
        n: 0
        flag: true
        args:
        - "run"
        - "no"
        - "1"
        - "a \\"b\\"\\n"
        items:
        - name: "x"
          ref:
            name: "s"
        empty: []
        """, YamlWriter.write(doc));
  }
}
