package org.knime.node.parameters.widget.choices;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** KNIME API subset: where a dropdown or column filter gets its choices. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface ChoicesProvider {
    @SuppressWarnings("rawtypes")
    Class<? extends ChoicesStateProvider> value();
}
