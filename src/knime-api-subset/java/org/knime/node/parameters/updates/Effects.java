package org.knime.node.parameters.updates;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** KNIME API subset: the container of repeated {@link Effect}s. */
@Retention(RetentionPolicy.RUNTIME)
public @interface Effects {
    Effect[] value();
}
