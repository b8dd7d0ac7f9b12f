package org.knime.node.parameters.updates;

/** KNIME API subset: a condition on the dialog's values or the node's inputs, made by a PredicateInitializer. */
public interface EffectPredicate {

    default EffectPredicate and(final EffectPredicate other) {
        // Subset only: KNIME translates predicates into JSON-Forms rules; here they are only combined.
        return new Combined("and", this, other);
    }

    default EffectPredicate or(final EffectPredicate other) {
        return new Combined("or", this, other);
    }

    default EffectPredicate negate() {
        return new Combined("not", this, null);
    }

    /** Subset only: a combination of predicates. */
    record Combined(String operator, EffectPredicate first, EffectPredicate second) implements EffectPredicate {
    }
}
