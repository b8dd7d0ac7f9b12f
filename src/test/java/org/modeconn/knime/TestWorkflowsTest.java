package org.modeconn.knime;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.knime.core.node.NodeSettings;
import org.knime.node.parameters.migration.Migrate;
import org.knime.node.parameters.migration.Migration;
import org.knime.node.parameters.persistence.Persist;
import org.modeconn.knime.node.ModeConnNodeFactory;
import org.modeconn.knime.node.ModeConnNodeModel;
import org.modeconn.knime.node.NodeHarness;
import org.modeconn.knime.node.SgdParameters;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The test workflows in test-workflows/ are well-formed, and every node of this extension in them carries
 * settings its node model loads and validates (as KNIME does when it opens the workflow).
 */
class TestWorkflowsTest {

    private static final Path WORKFLOWS = Path.of(System.getProperty("user.dir"), "test-workflows");

    @Test
    void everyOwnNodeInTheTestWorkflowsLoadsItsSettings() throws Exception {
        List<Path> settingsFiles;
        try (Stream<Path> files = Files.walk(WORKFLOWS)) {
            settingsFiles = files.filter(p -> p.getFileName().toString().equals("settings.xml")).toList();
        }
        int own = 0;
        List<String> factories = new ArrayList<>();
        for (Path f : settingsFiles) {
            Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f.toFile());
            Element root = d.getDocumentElement();
            String factory = WorkflowFiles.entry(root, "factory");
            if (factory == null || !factory.startsWith("org.modeconn.knime.")) {
                continue;
            }
            own++;
            factories.add(factory);
            Object anyFactory = Class.forName(factory).getDeclaredConstructor().newInstance();
            NodeSettings s = new NodeSettings("model");
            WorkflowFiles.copy(WorkflowFiles.child(root, "model"), s);
            if (!(anyFactory instanceof ModeConnNodeFactory nf)) {
                // The loop end has no settings: the workflow holds none for it.
                assertThat(s.keySet()).as(f + ": settings of a node that has none").isEmpty();
                continue;
            }
            ModeConnNodeModel<?> model = NodeHarness.model(nf);
            NodeHarness.load(model, s);
            // Saving gives back every key the workflow has: nothing is silently dropped, except the keys a
            // migration moved (the SGD settings, now one group), whose values must arrive in their new place.
            // Keys beyond those are settings added since the workflow was saved, loaded with their defaults.
            NodeSettings again = NodeHarness.save(model);
            Set<String> saved = new HashSet<>(again.keySet());
            Set<String> moved = new HashSet<>(s.keySet());
            moved.removeAll(saved);
            if (s.containsKey("momentum")) {
                assertThat(moved).as(f + ": moved keys").containsExactlyInAnyOrder("batchSize", "momentum",
                    "weightDecay");
                NodeSettings sgd = again.getNodeSettings(SgdParameters.CONFIG_KEY);
                assertThat(sgd.getInt("batchSize")).isEqualTo(s.getInt("batchSize"));
                assertThat(sgd.getDouble("momentum")).isEqualTo(s.getDouble("momentum"));
                assertThat(sgd.getDouble("weightDecay")).isEqualTo(s.getDouble("weightDecay"));
            } else {
                assertThat(moved).as(f + ": dropped keys").isEmpty();
            }
            saved.removeAll(s.keySet());
            assertThat(saved).as(f + ": new keys").isSubsetOf(addedLater(model.parameters().getClass()));
            // Every setting names its key: a renamed field must not change what saved workflows hold.
            for (Field field : model.parameters().getClass().getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    assertThat(field.getAnnotation(Persist.class)).as(field.toString()).isNotNull()
                        .extracting(Persist::configKey).isEqualTo(field.getName().replaceFirst("^m_", ""));
                }
            }
        }
        assertThat(own).isGreaterThanOrEqualTo(15);
        assertThat(factories).extracting(c -> c.substring(c.lastIndexOf('.') + 1)).contains(
            "TrainEndpointNodeFactory", "FitCurveNodeFactory", "EvaluateCurveNodeFactory", "FgeEnsembleNodeFactory",
            "PlaneSliceNodeFactory", "CurvePointNodeFactory", "EnsemblePredictorNodeFactory", "AlignNetworksNodeFactory",
            "ConnectivityMatrixNodeFactory", "EnsembleLoopEndNodeFactory");
    }

    @Test
    void everyWorkflowNamesExistingNodeFolders() throws Exception {
        try (Stream<Path> dirs = Files.list(WORKFLOWS)) {
            for (Path w : dirs.filter(p -> Files.isRegularFile(p.resolve("workflow.knime"))).toList()) {
                Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(w.resolve("workflow.knime").toFile());
                var entries = d.getElementsByTagName("entry");
                int nodes = 0;
                for (int i = 0; i < entries.getLength(); i++) {
                    Element e = (Element)entries.item(i);
                    if (e.getAttribute("key").equals("node_settings_file")) {
                        nodes++;
                        assertThat(w.resolve(e.getAttribute("value"))).as(w + ": " + e.getAttribute("value")).exists();
                    }
                }
                assertThat(nodes).as(w.toString()).isGreaterThan(3);
            }
        }
    }

    @Test
    void everyWorkflowOpensWithoutAQuestionInTheOldestSupportedRelease() throws Exception {
        // KNIME refuses a workflow created by a newer release than itself until the user chooses "Load Anyway"
        // (UnsupportedWorkflowVersionException, seen in the real 5.7.0 core), so no workflow may name a release
        // newer than the oldest one README supports.
        java.util.regex.Matcher oldest = java.util.regex.Pattern
            .compile("Requires KNIME Analytics Platform (\\d+)\\.(\\d+) or newer")
            .matcher(Files.readString(WORKFLOWS.resolveSibling("README.md")));
        assertThat(oldest.find()).as("README names the oldest supported release").isTrue();
        int supported = Integer.parseInt(oldest.group(1)) * 1000 + Integer.parseInt(oldest.group(2));
        try (Stream<Path> dirs = Files.list(WORKFLOWS)) {
            for (Path w : dirs.filter(p -> Files.isRegularFile(p.resolve("workflow.knime"))).toList()) {
                Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(w.resolve("workflow.knime").toFile()).getDocumentElement();
                String[] createdBy = WorkflowFiles.entry(root, "created_by").split("\\.");
                assertThat(Integer.parseInt(createdBy[0]) * 1000 + Integer.parseInt(createdBy[1]))
                    .as(w + " created_by").isLessThanOrEqualTo(supported);
            }
        }
    }

    /** The keys of the fields added after the node's first release (with defaults, or migrated from older keys). */
    private static Set<String> addedLater(final Class<?> parameters) {
        Set<String> keys = new HashSet<>();
        for (Field f : parameters.getDeclaredFields()) {
            Migrate m = f.getAnnotation(Migrate.class);
            if ((m != null && m.loadDefaultIfAbsent()) || f.getAnnotation(Migration.class) != null) {
                keys.add(f.getAnnotation(Persist.class).configKey());
            }
        }
        return keys;
    }
}
