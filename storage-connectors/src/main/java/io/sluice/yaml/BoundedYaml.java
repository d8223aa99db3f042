package io.sluice.yaml;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A user's YAML file read into plain maps, lists and scalars (SnakeYAML's safe constructor) within
 * deliberate bounds, so a huge, deeply nested or billion-laughs file is refused at once; what does
 * not parse becomes the caller's one-line user error. SnakeYAML is an optional dependency of this
 * module: callers bring their own.
 */
public final class BoundedYaml {

  /**
   * @param codePoints the longest document read
   * @param nesting the deepest nesting of collections
   * @param aliases the most aliases to collections
   */
  public record Limits(int codePoints, int nesting, int aliases) {}

  /** The caller's error for a document that is not valid YAML. */
  @FunctionalInterface
  public interface InvalidYaml {
    /**
     * @param where the source, followed by {@code :LINE} where the parser knows the line
     * @param problem what is wrong, one line
     */
    RuntimeException error(String where, String problem);
  }

  private BoundedYaml() {}

  /** The document of {@code text}; {@code source} names it in errors. */
  public static Object load(String text, String source, Limits limits, InvalidYaml invalid) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(limits.codePoints());
    options.setNestingDepthLimit(limits.nesting());
    options.setMaxAliasesForCollections(limits.aliases());
    options.setAllowRecursiveKeys(false);
    try {
      return new Yaml(new SafeConstructor(options)).load(text);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      throw invalid.error(
          mark == null ? source : source + ":" + (mark.getLine() + 1), e.getProblem());
    } catch (YAMLException e) {
      throw invalid.error(source, e.getMessage());
    } catch (RuntimeException e) {
      // An explicitly tagged value SnakeYAML cannot build (!!binary a, !!int x) fails outside
      // its YAMLException.
      throw invalid.error(source, "cannot read a tagged value: " + e.getMessage());
    }
  }
}
