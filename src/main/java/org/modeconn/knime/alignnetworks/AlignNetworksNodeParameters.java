package org.modeconn.knime.alignnetworks;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.persistence.Persist;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.align.AlignmentSettings;
import org.modeconn.knime.node.NodeMessages;

/** The settings of Align Networks: how long weight matching may run, and the order of its permutations. */
public final class AlignNetworksNodeParameters implements NodeParameters {

    @Widget(title = "Most sweeps", description = "Weight matching sets each permutation in turn to its best match "
        + "with the others held, and sweeps over them until a sweep changes none; this caps the sweeps.")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Persist(configKey = "maxSweeps")
    int m_maxSweeps = AlignmentSettings.DEFAULT_MAX_SWEEPS;

    @Widget(title = "Seed", description = "Decides the order of the permutations within each sweep.")
    @Persist(configKey = "seed")
    long m_seed = AlignmentSettings.DEFAULT_SEED;

    @Override
    public void validate() throws InvalidSettingsException {
        try {
            settings();
        } catch (InvalidInputException e) {
            throw NodeMessages.invalidSettings(e);
        }
    }

    AlignmentSettings settings() {
        return new AlignmentSettings(m_maxSweeps, m_seed);
    }
}
