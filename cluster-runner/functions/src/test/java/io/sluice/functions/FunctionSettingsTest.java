package io.sluice.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FunctionSettingsTest {
  @Test
  void defaults() {
    FunctionSettings s = FunctionSettings.defaultsFor("com.example.Outer$Hello");
    assertEquals("Outer_Hello", s.functionName());
    assertEquals(128, s.memoryMb());
    assertEquals(2048, s.withMemoryMb(2048).memoryMb());
  }

  @Test
  void validation() {
    assertEquals(
        "function memory 64 MB must be between 128 and 10240 MB",
        assertThrows(FunctionException.class, () -> new FunctionSettings("f", 64)).getMessage());
    assertThrows(FunctionException.class, () -> new FunctionSettings("f", 10_241));
    assertEquals(
        "function name 'a b' must be 1 to 64 letters, digits, '-' or '_'",
        assertThrows(FunctionException.class, () -> new FunctionSettings("a b", 128)).getMessage());
    assertThrows(FunctionException.class, () -> new FunctionSettings("x".repeat(65), 128));
  }
}
