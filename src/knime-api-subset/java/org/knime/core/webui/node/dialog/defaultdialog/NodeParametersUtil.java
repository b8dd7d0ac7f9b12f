package org.knime.core.webui.node.dialog.defaultdialog;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.NodeParametersInput;
import org.knime.node.parameters.migration.ConfigMigration;
import org.knime.node.parameters.migration.Migrate;
import org.knime.node.parameters.migration.Migration;
import org.knime.node.parameters.migration.NodeParametersMigration;
import org.knime.node.parameters.persistence.Persist;
import org.knime.node.parameters.persistence.Persistable;

/**
 * KNIME API subset: creates, loads and saves {@link NodeParameters} by the rules of knime-core-ui's persistence
 * (the same from 5.6 to 5.12; its README lists them with their sources): a nested group is persisted only when it is
 * {@link Persistable} (as every NodeParameters is), as a sub-config; any other type must be a value KNIME has a
 * default persistor for, or saving and loading fail with KNIME's "No default persistor available" message.
 */
public final class NodeParametersUtil {
    private NodeParametersUtil() {
    }

    public static NodeParametersInput createDefaultNodeSettingsContext(final PortObjectSpec[] specs) {
        return new NodeParametersInput() {
            @Override
            public PortObjectSpec[] getInPortSpecs() {
                return specs.clone();
            }

            @Override
            public Optional<PortObjectSpec> getInPortSpec(final int portIndex) {
                if (portIndex < 0 || portIndex >= specs.length) {
                    throw new IndexOutOfBoundsException(portIndex);
                }
                return Optional.ofNullable(specs[portIndex]);
            }

            @Override
            public Optional<DataTableSpec> getInTableSpec(final int portIndex) {
                return portIndex < specs.length && specs[portIndex] instanceof DataTableSpec s ? Optional.of(s)
                    : Optional.empty();
            }
        };
    }

    public static <S extends NodeParameters> S createSettings(final Class<S> clazz) {
        try {
            var c = clazz.getDeclaredConstructor();
            c.setAccessible(true);
            return c.newInstance();
        } catch (ReflectiveOperationException e) {
            // As KNIME's InstantiationUtil: logged there, and null returned.
            return null;
        }
    }

    public static <S extends NodeParameters> S createSettings(final Class<S> clazz, final PortObjectSpec[] specs) {
        try {
            var c = clazz.getDeclaredConstructor(NodeParametersInput.class);
            c.setAccessible(true);
            return c.newInstance(createDefaultNodeSettingsContext(specs));
        } catch (NoSuchMethodException e) {
            return createSettings(clazz);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static <S extends NodeParameters> S loadSettings(final NodeSettingsRO settings, final Class<S> clazz)
        throws InvalidSettingsException {
        return loadPersistable(settings, clazz);
    }

    public static void saveSettings(final Class<? extends NodeParameters> settingsClass,
        final NodeParameters settingsObject, final NodeSettingsWO settings) {
        savePersistable(settingsClass, settingsObject, settings);
    }

    /** A Persistable's fields from its sub-config, onto a new instance made with its empty constructor. */
    private static <T> T loadPersistable(final NodeSettingsRO settings, final Class<T> clazz)
        throws InvalidSettingsException {
        T target = newPersistable(clazz);
        for (Field f : persisted(clazz)) {
            String key = key(f);
            Migrate migrate = f.getAnnotation(Migrate.class);
            // As KNIME: a default for an absent key first (target is a new instance, so its field holds it), then the
            // migrations in order, then the field's own key.
            if (migrate != null && migrate.loadDefaultIfAbsent() && !settings.containsKey(key)) {
                continue;
            }
            Migration migration = f.getAnnotation(Migration.class);
            if (migration != null) {
                Optional<Object> migrated = migrate(migration, settings, key);
                if (migrated.isPresent()) {
                    set(f, target, migrated.get());
                    continue;
                }
            }
            set(f, target, loadValue(f.getType(), key, settings));
        }
        return target;
    }

    private static Object loadValue(final Class<?> t, final String key, final NodeSettingsRO settings)
        throws InvalidSettingsException {
        if (Persistable.class.isAssignableFrom(t)) {
            return loadPersistable(settings.getNodeSettings(key), t);
        }
        if (t == int.class || t == Integer.class) {
            return settings.getInt(key);
        } else if (t == long.class || t == Long.class) {
            return settings.getLong(key);
        } else if (t == double.class || t == Double.class) {
            return settings.getDouble(key);
        } else if (t == boolean.class || t == Boolean.class) {
            return settings.getBoolean(key);
        } else if (t == String.class) {
            return settings.getString(key);
        } else if (t == String[].class) {
            return settings.getStringArray(key);
        } else if (t.isEnum()) {
            return enumValue(t, settings.getString(key));
        }
        throw unpersistable(t);
    }

    /**
     * The value of the first migration that applies, if one does: its loader reads the settings that hold the
     * field's key, and what it throws is final (KNIME falls back neither to the next migration nor to the key).
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Optional<Object> migrate(final Migration migration, final NodeSettingsRO settings,
        final String key) throws InvalidSettingsException {
        NodeParametersMigration m = (NodeParametersMigration)newInstance(migration.value(),
            "The provided migrator class '%s' does not provide an empty constructor.");
        for (Object o : m.getConfigMigrations()) {
            ConfigMigration c = (ConfigMigration)o;
            boolean applies = c.getMatcher() instanceof ConfigMigration.NewSettingsMissingMatcher
                ? !settings.containsKey(key) : c.getMatcher().test(settings);
            if (applies) {
                return Optional.of(c.getLoader().load(settings));
            }
        }
        return Optional.empty();
    }

    private static void savePersistable(final Class<?> clazz, final Object source, final NodeSettingsWO settings) {
        for (Field f : persisted(clazz)) {
            String key = key(f);
            Class<?> t = f.getType();
            Object v = get(f, source);
            if (Persistable.class.isAssignableFrom(t)) {
                savePersistable(t, v, settings.addNodeSettings(key));
            } else if (t == int.class || t == Integer.class) {
                settings.addInt(key, (Integer)v);
            } else if (t == long.class || t == Long.class) {
                settings.addLong(key, (Long)v);
            } else if (t == double.class || t == Double.class) {
                settings.addDouble(key, (Double)v);
            } else if (t == boolean.class || t == Boolean.class) {
                settings.addBoolean(key, (Boolean)v);
            } else if (t == String.class) {
                settings.addString(key, (String)v);
            } else if (t == String[].class) {
                settings.addStringArray(key, (String[])v);
            } else if (t.isEnum()) {
                settings.addString(key, v == null ? null : ((Enum<?>)v).name());
            } else {
                throw unpersistable(t);
            }
        }
    }

    /**
     * The fields KNIME persists, as its Jackson-built persistence tree sees them: every non-private instance field
     * (private ones are left out without a word), static and transient ones never, superclasses' first.
     */
    private static List<Field> persisted(final Class<?> clazz) {
        List<Field> fields = new ArrayList<>();
        if (clazz.getSuperclass() != null && clazz.getSuperclass() != Object.class) {
            fields.addAll(persisted(clazz.getSuperclass()));
        }
        for (Field f : clazz.getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isPrivate(m) || Modifier.isStatic(m) || Modifier.isTransient(m) || f.isSynthetic()) {
                continue;
            }
            if (f.getAnnotation(Migrate.class) != null && f.getAnnotation(Migration.class) != null) {
                throw new IllegalStateException(String.format("Cannot have both @Migration and @Migrate annotation "
                    + "on the same field %s. Use @Migrate for default-if-absent and @Migration otherwise.", f));
            }
            fields.add(f);
        }
        return fields;
    }

    /** KNIME's config key: {@code @Persist}'s when set (with "_Internals" when hidden), else the name without "m_". */
    private static String key(final Field f) {
        String name = f.getName().startsWith("m_") ? f.getName().substring(2) : f.getName();
        Persist persist = f.getAnnotation(Persist.class);
        if (persist == null) {
            return name;
        }
        String key = persist.configKey().isEmpty() ? name : persist.configKey();
        return persist.hidden() ? key + "_Internals" : key;
    }

    /**
     * KNIME's DefaultFieldNodeSettingsPersistorFactory refuses a type that is neither a value it knows nor
     * Persistable; the values it knows that the subset does not mirror are refused with a message of their own.
     */
    private static RuntimeException unpersistable(final Class<?> type) {
        Class<?> boxed = type.isPrimitive() ? java.lang.invoke.MethodType.methodType(type).wrap().returnType() : type;
        if (KNOWN_TO_KNIME_NOT_MIRRORED.contains(boxed.getName())) {
            return new IllegalStateException("Subset only: KNIME persists " + type + " but the subset does not mirror "
                + "it; mirror KNIME's persistor in NodeParametersUtil before a node uses it.");
        }
        return new IllegalArgumentException(String.format("No default persistor available for type '%s'.", type));
    }

    /** Field types with a default persistor in KNIME (DefaultFieldNodeSettingsPersistorFactory) not mirrored here. */
    private static final java.util.Set<String> KNOWN_TO_KNIME_NOT_MIRRORED = java.util.Set.of("java.lang.Void",
        "java.lang.Float", "java.lang.Character", "java.lang.Byte", "[I", "[D", "[J", "[Z", "[F", "[C", "[B",
        "org.knime.core.data.DataType", "java.time.LocalDate", "java.time.LocalTime", "java.time.LocalDateTime",
        "java.time.ZonedDateTime", "java.time.ZoneId", "java.util.Map", "java.util.Optional",
        "org.knime.core.webui.node.dialog.defaultdialog.setting.credentials.Credentials",
        "org.knime.filehandling.core.connections.FSLocation");

    private static <T> T newPersistable(final Class<T> t) {
        return newInstance(t, "The provided Persistable '%s' don't provide an empty constructor.");
    }

    private static <T> T newInstance(final Class<T> t, final String noConstructor) {
        java.lang.reflect.Constructor<T> c;
        try {
            c = t.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(String.format(noConstructor, t), e);
        }
        try {
            c.setAccessible(true);
            return c.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object enumValue(final Class<?> t, final String name) throws InvalidSettingsException {
        for (Object c : t.getEnumConstants()) {
            if (((Enum<?>)c).name().equals(name)) {
                return c;
            }
        }
        throw new InvalidSettingsException(String.format("Invalid value '%s'. Possible values: %s", name,
            java.util.Arrays.stream(t.getEnumConstants()).map(c -> ((Enum<?>)c).name())
                .collect(java.util.stream.Collectors.joining(", "))));
    }

    private static Object get(final Field f, final Object o) {
        try {
            f.setAccessible(true);
            return f.get(o);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void set(final Field f, final Object o, final Object v) {
        try {
            f.setAccessible(true);
            f.set(o, v);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
