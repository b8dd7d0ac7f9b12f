package org.modeconn.knime.onnxreader;

import java.util.Arrays;
import java.util.List;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.persistence.Persist;
import org.knime.node.parameters.widget.choices.ChoicesProvider;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.onnx.ImportOptions;
import org.modeconn.knime.node.ColumnChoices;
import org.modeconn.knime.node.NodeMessages;
import org.modeconn.knime.node.WorkflowPaths;

/** The settings of ONNX Network Reader: the file, what the file may not say (classes, scaling), and the columns. */
public final class OnnxNetworkReaderNodeParameters implements NodeParameters {

    @Widget(title = "ONNX file", description = "The model to read: " + WorkflowPaths.FORMS + ".")
    @Persist(configKey = "file")
    String m_file = "";

    @Widget(title = "Class names", description = "The classes in the order of the model's outputs, separated by "
        + "commas. Empty: the names stored in the file (by ONNX Network Writer or export-onnx), else 0, 1, ….")
    @Persist(configKey = "classNames")
    String m_classNames = "";

    @Widget(title = "Input scaling", description = "How the table's raw values become the model's input: "
        + ImportOptions.SCALING_FORMS + ". A model that scales its input itself (Sub, Mul or Div before its first "
        + "layer) keeps its own; leave this at none.")
    @Persist(configKey = "scaling")
    String m_scaling = "none";

    @Widget(title = "Target column", description = "With a table connected and a model that does not name its "
        + "columns: the class column, which is not a feature. Empty: the column called label, class, target or y, "
        + "else the last string or integer column.")
    @ChoicesProvider(ColumnChoices.ClassColumns.class)
    @Persist(configKey = "targetColumn")
    String m_targetColumn = "";

    @Widget(title = "Image column", description = "With a table connected and a model that does not name its "
        + "columns: a column of PNG images whose pixels are the model's input. Empty: every numeric column but the "
        + "target, in table order.")
    @ChoicesProvider(ColumnChoices.ImageColumns.class)
    @Persist(configKey = "imageColumn")
    String m_imageColumn = "";

    /** What the user states about the model. */
    ImportOptions options() throws InvalidSettingsException {
        List<String> classes = m_classNames.isBlank() ? null
            : Arrays.stream(m_classNames.split(",")).map(String::strip).toList();
        try {
            return new ImportOptions(classes, m_scaling);
        } catch (InvalidInputException e) {
            throw NodeMessages.invalidSettings(e);
        }
    }

    @Override
    public void validate() throws InvalidSettingsException {
        options();
    }
}
