package org.knime.node.parameters.migration;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** KNIME API subset: how a field's value is loaded from settings saved before it existed in its current form. */
@Retention(RUNTIME)
@Target({TYPE, FIELD})
public @interface Migration {
    @SuppressWarnings("rawtypes")
    Class<? extends NodeParametersMigration> value();
}
