package io.sluice.functions;

/**
 * What a Lambda function is configured with beyond its code, as its {@code Context} reports it: the
 * function name ({@code AWS_LAMBDA_FUNCTION_NAME}) and the memory size in MB. Lambda's defaults:
 * the memory is 128 MB; the name here defaults to the handler's simple class name.
 */
public record FunctionSettings(String functionName, int memoryMb) {

  /** Lambda's default memory size. */
  public static final int DEFAULT_MEMORY_MB = 128;

  /** Lambda accepts 128 MB to 10,240 MB. */
  public static final int MIN_MEMORY_MB = 128;

  public static final int MAX_MEMORY_MB = 10_240;

  public FunctionSettings {
    if (functionName == null || !functionName.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new FunctionException(
          "function name '" + functionName + "' must be 1 to 64 letters, digits, '-' or '_'");
    }
    if (memoryMb < MIN_MEMORY_MB || memoryMb > MAX_MEMORY_MB) {
      throw new FunctionException(
          "function memory "
              + memoryMb
              + " MB must be between "
              + MIN_MEMORY_MB
              + " and "
              + MAX_MEMORY_MB
              + " MB");
    }
  }

  /** The defaults for a handler class: its simple name, 128 MB. */
  public static FunctionSettings defaultsFor(String handlerClass) {
    String simple = handlerClass.substring(handlerClass.lastIndexOf('.') + 1).replace('$', '_');
    return new FunctionSettings(simple, DEFAULT_MEMORY_MB);
  }

  public FunctionSettings withMemoryMb(int memory) {
    return new FunctionSettings(functionName, memory);
  }
}
