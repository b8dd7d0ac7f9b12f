package org.knime.node.parameters.widget.number;

import org.knime.node.parameters.validation.BuiltinValidation;

/** KNIME API subset: bounds of a {@link NumberInputWidget}. */
public sealed interface NumberInputWidgetValidation extends BuiltinValidation {
    default boolean isExclusive() {
        return false;
    }

    abstract non-sealed class MinValidation implements NumberInputWidgetValidation {
        protected abstract double getMin();

        public static final class IsNonNegativeValidation extends MinValidation {
            @Override
            public double getMin() {
                return 0;
            }
        }

        public static final class IsPositiveIntegerValidation extends MinValidation {
            @Override
            public double getMin() {
                return 1;
            }
        }

        public static final class IsPositiveDoubleValidation extends MinValidation {
            @Override
            public double getMin() {
                return 0;
            }

            @Override
            public boolean isExclusive() {
                return true;
            }
        }
    }

    abstract non-sealed class MaxValidation implements NumberInputWidgetValidation {
        protected abstract double getMax();
    }
}
