package org.knime.node.parameters.migration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** KNIME API subset: how a field added after a node's first release is loaded from older settings. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Migrate {
    boolean loadDefaultIfAbsent() default false;
}
