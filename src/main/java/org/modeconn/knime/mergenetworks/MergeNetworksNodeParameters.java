package org.modeconn.knime.mergenetworks;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.persistence.Persist;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.align.AlignmentSettings;
import org.modeconn.engine.merge.MergeSettings;
import org.modeconn.knime.node.NodeMessages;

/** The settings of Merge Networks: uniform or greedy, REPAIR, and the alignment's limit of sweeps. */
public final class MergeNetworksNodeParameters implements NodeParameters {

    @Widget(title = "Greedy", description = "Add the networks one by one, the best held-out error first, and keep each "
        + "only if the merged network's held-out error does not rise (a greedy soup). Needs the held-out table. Off: "
        + "average all of them (a uniform soup).")
    @Persist(configKey = "greedy")
    boolean m_greedy;

    @Widget(title = "REPAIR", description = "Reset each hidden layer's per-channel output mean and deviation of the "
        + "average to the mean of the networks' own (Jordan et al., ICLR 2023), on the training table. For networks "
        + "without BatchNorm: with BatchNorm, recomputing its statistics does this already.")
    @Persist(configKey = "repair")
    boolean m_repair;

    @Widget(title = "Most sweeps", description = "Weight matching aligns every network to the first before averaging; "
        + "this caps its sweeps over the permutations.")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Persist(configKey = "maxSweeps")
    int m_maxSweeps = AlignmentSettings.DEFAULT_MAX_SWEEPS;

    @Override
    public void validate() throws InvalidSettingsException {
        try {
            settings();
        } catch (InvalidInputException e) {
            throw NodeMessages.invalidSettings(e);
        }
    }

    MergeSettings settings() {
        return new MergeSettings(m_greedy, m_repair, new AlignmentSettings(m_maxSweeps, AlignmentSettings.DEFAULT_SEED));
    }
}
