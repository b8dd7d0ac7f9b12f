package org.knime.node.parameters.updates;

import org.knime.node.parameters.NodeParametersInput;

/** KNIME API subset: makes the predicate of an {@link Effect}. */
@FunctionalInterface
public interface EffectPredicateProvider {

    EffectPredicate init(PredicateInitializer i);

    /** KNIME API subset: the references and constants predicates are built from. */
    interface PredicateInitializer {

        StringReference getString(Class<? extends ParameterReference<String>> reference);

        <E extends Enum<E>> EnumReference<E> getEnum(Class<? extends ParameterReference<E>> reference);

        BooleanReference getBoolean(Class<? extends ParameterReference<Boolean>> reference);

        EffectPredicate getConstant(java.util.function.Predicate<NodeParametersInput> predicate);

        default EffectPredicate never() {
            return getConstant(context -> false);
        }

        default EffectPredicate always() {
            return getConstant(context -> true);
        }

        /** KNIME API subset: conditions on a boolean parameter. */
        interface BooleanReference {
            EffectPredicate isTrue();

            EffectPredicate isFalse();
        }

        /** KNIME API subset: conditions on an enum parameter. */
        interface EnumReference<E extends Enum<E>> {
            @SuppressWarnings("unchecked")
            EffectPredicate isOneOf(E... values);
        }

        /** KNIME API subset: conditions on a string parameter. */
        interface StringReference {
            EffectPredicate isEqualTo(String value);

            EffectPredicate matchesPattern(String pattern);
        }
    }
}
