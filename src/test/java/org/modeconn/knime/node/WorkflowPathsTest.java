package org.modeconn.knime.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.knime.core.util.FileUtil;
import org.modeconn.engine.InvalidInputException;

/** How a file setting's text becomes a local path, and the messages where it cannot. */
class WorkflowPathsTest {

    @RegisterExtension
    final WorkflowFolder workflow = new WorkflowFolder();

    @Test
    void relativePathsAndKnimeWorkflowUrlsResolveInTheWorkflowFolder() {
        assertThat(WorkflowPaths.resolve("data/m.onnx", "file")).isEqualTo(workflow.path().resolve("data/m.onnx"));
        assertThat(WorkflowPaths.resolve("knime://knime.workflow/data/m.onnx", "file"))
            .isEqualTo(workflow.path().resolve("data/m.onnx"));
        Path absolute = workflow.path().resolve("elsewhere/m.onnx").toAbsolutePath();
        assertThat(WorkflowPaths.resolve(absolute.toString(), "file")).isEqualTo(absolute);
    }

    @Test
    void aUrlWithoutAHandlerIsNamedNotReadAsAPath() {
        // KNIME's FileUtil reads such a URL as a path relative to the working directory; that is refused here
        assertThatThrownBy(() -> WorkflowPaths.resolve("nowhere://host/m.onnx", "ONNX file"))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot resolve here");
    }

    @Test
    void aRelativePathOutsideAWorkflowSaysWhatToDo() {
        FileUtil.subsetSetWorkflowFolder(null);
        assertThatThrownBy(() -> WorkflowPaths.resolve("data/m.onnx", "ONNX file"))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("runs in no workflow");
        assertThatThrownBy(() -> WorkflowPaths.resolve("  ", "ONNX file")).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("No ONNX file is given");
    }
}
