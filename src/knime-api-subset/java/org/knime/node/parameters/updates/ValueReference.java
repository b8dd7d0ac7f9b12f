package org.knime.node.parameters.updates;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** KNIME API subset: ties a field to a {@link ParameterReference}. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface ValueReference {
    @SuppressWarnings("rawtypes")
    Class<? extends ParameterReference> value();
}
