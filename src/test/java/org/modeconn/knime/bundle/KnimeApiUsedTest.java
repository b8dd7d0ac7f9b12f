package org.modeconn.knime.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every KNIME type and member the compiled node layer references is listed in docs/KNIME-API-USED.md, whose
 * members were each checked to exist in the oldest supported release (KNIME 5.7.0). A member used anew fails here
 * until it is checked and the list regenerated ({@code tools/list_knime_api.py}): a node that uses a member newer
 * than 5.7 loads in 5.12 and is "not available" in 5.7 (seen with a description builder of 5.12's).
 */
class KnimeApiUsedTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir"));

    private static final Pattern REFERENCE =
        Pattern.compile("= (Methodref|InterfaceMethodref|Fieldref|Class)\\s+\\S+\\s+// (\\S+)");

    private static final Pattern TYPE = Pattern.compile("L(org/knime/[A-Za-z0-9/$]+);");

    /** The same reading as tools/list_knime_api.py: "type" and "type member" for each reference. */
    private static TreeSet<String> used() throws Exception {
        List<String> args = new ArrayList<>(List.of("-v", "-p"));
        try (Stream<Path> files = Files.walk(ROOT.resolve("target/classes/org/modeconn/knime"))) {
            files.filter(p -> p.toString().endsWith(".class")).map(Path::toString).sorted().forEach(args::add);
        }
        StringWriter out = new StringWriter();
        int rc = ToolProvider.findFirst("javap").orElseThrow().run(new PrintWriter(out), new PrintWriter(out),
            args.toArray(String[]::new));
        assertThat(rc).isZero();
        TreeSet<String> refs = new TreeSet<>();
        Matcher m = REFERENCE.matcher(out.toString());
        while (m.find()) {
            String ref = m.group(2).replace("\"", "");
            if (!ref.startsWith("org/knime/")) {
                continue;
            }
            int dot = ref.indexOf('.');
            String owner = (dot < 0 ? ref : ref.substring(0, dot)).replace('/', '.').replace('$', '.');
            refs.add(owner);
            if (dot >= 0) {
                refs.add(owner + " " + ref.substring(dot + 1));
            }
        }
        Matcher t = TYPE.matcher(out.toString());
        while (t.find()) {
            refs.add(t.group(1).replace('/', '.').replace('$', '.'));
        }
        return refs;
    }

    /** The list's "type" and "type member" entries. */
    private static TreeSet<String> listed() throws Exception {
        TreeSet<String> out = new TreeSet<>();
        String owner = null;
        for (String line : Files.readAllLines(ROOT.resolve("docs/KNIME-API-USED.md"))) {
            if (line.startsWith("## ")) {
                break;
            }
            if (line.startsWith("- `")) {
                owner = line.substring(3, line.lastIndexOf('`'));
                out.add(owner);
            } else if (line.startsWith("  - `") && owner != null) {
                out.add(owner + " " + line.substring(5, line.lastIndexOf('`')));
            }
        }
        return out;
    }

    @Test
    void everyKnimeMemberTheNodesUseIsListedAsCheckedAgainstTheOldestRelease() throws Exception {
        assertThat(used()).as("KNIME API the compiled nodes reference, against docs/KNIME-API-USED.md: check each new "
            + "member exists in KNIME 5.7.0 (knime-core and knime-core-ui at tag analytics-platform/5.7.0), then run "
            + "tools/list_knime_api.py").isEqualTo(listed());
    }
}
