package org.knime.node.parameters.updates;

import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** KNIME API subset: shows, hides, enables or disables a setting when a predicate holds. */
@Repeatable(Effects.class)
@Retention(RetentionPolicy.RUNTIME)
public @interface Effect {

    enum EffectType {
        ENABLE, DISABLE, SHOW, HIDE
    }

    Class<? extends EffectPredicateProvider> predicate();

    EffectType type();
}
