package org.modeconn.knime.node;

import java.util.List;
import org.knime.core.data.IntValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.image.png.PNGImageValue;
import org.knime.node.parameters.widget.choices.util.CompatibleColumnsProvider;

/** The column choices the dialogs offer for a model's inputs: class columns and image columns. */
public final class ColumnChoices {

    private ColumnChoices() {
    }

    /** String or integer columns: the class column candidates. */
    public static final class ClassColumns extends CompatibleColumnsProvider {
        ClassColumns() {
            super(List.of(StringValue.class, IntValue.class));
        }
    }

    /** Columns of PNG images: the image column candidates. */
    public static final class ImageColumns extends CompatibleColumnsProvider {
        ImageColumns() {
            super(PNGImageValue.class);
        }
    }
}
