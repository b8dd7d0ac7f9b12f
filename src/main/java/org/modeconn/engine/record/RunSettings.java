package org.modeconn.engine.record;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The settings an operation ran with, as its provenance keeps them: each operation's own settings record, marked
 * with the operation it belongs to ({@link Of}), so that provenance is written from it and read back as it
 * ({@link Provenance#settings(Class)}).
 */
public interface RunSettings {

    /** The operation ("train-endpoint", "fit-curve", "fge", ...) whose settings a type holds. */
    @Retention(RUNTIME)
    @Target(TYPE)
    @interface Of {
        /** The operation's name, as provenance records it. */
        String value();
    }

    /** The operation of {@code type}. */
    static String operationOf(final Class<? extends RunSettings> type) {
        Of of = type.getAnnotation(Of.class);
        if (of == null) {
            throw new IllegalArgumentException(type.getName() + " names no operation (@RunSettings.Of)");
        }
        return of.value();
    }
}
