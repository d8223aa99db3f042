package io.sluice.jobs.etl;

import io.sluice.jobs.BadInputException;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a schema file's YAML with SnakeYAML into Map, List and String values. Plain scalars stay
 * strings (only {@code ~}/{@code null} and empty values become null) so that YAML 1.1's implicit
 * types cannot turn {@code nullable: yes} or {@code name: 0x1F} into something the schema reader
 * did not ask for; it interprets every value itself.
 */
final class SchemaYaml {

  /** Far beyond any schema; a bound against a huge or deeply nested file. */
  private static final int MAX_CODE_POINTS = 1 << 20;

  private static final int MAX_NESTING = 20;

  private SchemaYaml() {}

  /** The document as nested Map (insertion-ordered), List and String values; null when empty. */
  static Object parse(String text, String source) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(10);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(MAX_NESTING);
    options.setCodePointLimit(MAX_CODE_POINTS);
    Yaml yaml =
        new Yaml(
            new SafeConstructor(options),
            new Representer(new DumperOptions()),
            new DumperOptions(),
            options,
            new StringsAndNulls());
    try {
      return yaml.load(text);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String where = mark == null ? "" : " line " + (mark.getLine() + 1);
      throw new BadInputException("schema " + source + where + ": " + oneLine(e.getProblem()), e);
    } catch (YAMLException e) {
      throw new BadInputException("schema " + source + ": " + oneLine(e.getMessage()), e);
    } catch (RuntimeException e) {
      // An explicitly tagged value SnakeYAML cannot build (!!binary a, !!int x) fails outside
      // its YAMLException.
      throw new BadInputException(
          "schema " + source + ": cannot read a tagged value: " + oneLine(e.getMessage()), e);
    }
  }

  private static String oneLine(String text) {
    return String.valueOf(text).strip().replaceAll("\\s+", " ");
  }

  /** Resolves untagged scalars to strings, except the null forms. */
  private static final class StringsAndNulls extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.NULL, EMPTY, null);
      addImplicitResolver(Tag.NULL, NULL, "~nN\0");
    }
  }
}
