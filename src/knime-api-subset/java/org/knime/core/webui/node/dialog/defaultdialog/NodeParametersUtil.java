package org.knime.core.webui.node.dialog.defaultdialog;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Optional;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.NodeParametersInput;
import org.knime.node.parameters.WidgetGroup;
import org.knime.node.parameters.migration.ConfigMigration;
import org.knime.node.parameters.migration.Migrate;
import org.knime.node.parameters.migration.Migration;
import org.knime.node.parameters.migration.NodeParametersMigration;
import org.knime.node.parameters.persistence.Persist;
import org.knime.node.parameters.widget.choices.filter.ColumnFilter;

/**
 * KNIME API subset: creates, loads and saves {@link NodeParameters}. Like KNIME, fields persist under their
 * names without the "m_" prefix (or their {@code @Persist} key), enums by name, a ColumnFilter and a nested
 * WidgetGroup as sub-configs, a {@code @Migration} tried before the field's own key; the subset supports the
 * field types the nodes use.
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
            throw new IllegalStateException("No empty constructor in " + clazz, e);
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
        S params = createSettings(clazz);
        loadFields(settings, clazz, params);
        return params;
    }

    private static void loadFields(final NodeSettingsRO settings, final Class<?> clazz, final Object target)
        throws InvalidSettingsException {
        for (Field f : persisted(clazz)) {
            String key = key(f);
            Migration migration = f.getAnnotation(Migration.class);
            if (migration != null) {
                // As KNIME: a migration whose matcher recognises the (older) settings loads the field from them.
                Object migrated = migrate(migration, settings);
                if (migrated != null) {
                    set(f, target, migrated);
                    continue;
                }
            }
            Migrate migrate = f.getAnnotation(Migrate.class);
            if (migrate != null && migrate.loadDefaultIfAbsent() && !settings.containsKey(key)) {
                continue;
            }
            Class<?> t = f.getType();
            Object v;
            if (t == int.class) {
                v = settings.getInt(key);
            } else if (t == long.class) {
                v = settings.getLong(key);
            } else if (t == double.class) {
                v = settings.getDouble(key);
            } else if (t == boolean.class) {
                v = settings.getBoolean(key);
            } else if (t == String.class) {
                v = settings.getString(key);
            } else if (t.isEnum()) {
                v = enumValue(t, settings.getString(key));
            } else if (t == ColumnFilter.class) {
                v = new ColumnFilter(settings.getNodeSettings(key).getNodeSettings("manualFilter")
                    .getStringArray("manuallySelected"));
            } else if (WidgetGroup.class.isAssignableFrom(t)) {
                v = newInstance(t);
                loadFields(settings.getNodeSettings(key), t, v);
            } else {
                throw new IllegalStateException("The subset cannot persist " + t);
            }
            set(f, target, v);
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Object migrate(final Migration migration, final NodeSettingsRO settings)
        throws InvalidSettingsException {
        NodeParametersMigration m = (NodeParametersMigration)newInstance(migration.value());
        for (Object o : m.getConfigMigrations()) {
            ConfigMigration c = (ConfigMigration)o;
            if (c.getMatcher().test(settings)) {
                return c.getLoader().load(settings);
            }
        }
        return null;
    }

    private static Object newInstance(final Class<?> t) {
        try {
            var c = t.getDeclaredConstructor();
            c.setAccessible(true);
            return c.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("No empty constructor in " + t, e);
        }
    }

    public static void saveSettings(final Class<? extends NodeParameters> settingsClass,
        final NodeParameters settingsObject, final NodeSettingsWO settings) {
        saveFields(settingsClass, settingsObject, settings);
    }

    private static void saveFields(final Class<?> clazz, final Object source, final NodeSettingsWO settings) {
        for (Field f : persisted(clazz)) {
            String key = key(f);
            Object v = get(f, source);
            if (v instanceof Integer i) {
                settings.addInt(key, i);
            } else if (v instanceof Long l) {
                settings.addLong(key, l);
            } else if (v instanceof Double d) {
                settings.addDouble(key, d);
            } else if (v instanceof Boolean b) {
                settings.addBoolean(key, b);
            } else if (v instanceof Enum<?> e) {
                settings.addString(key, e.name());
            } else if (v instanceof ColumnFilter c) {
                NodeSettingsWO filter = settings.addNodeSettings(key);
                filter.addString("mode", "MANUAL");
                NodeSettingsWO manual = filter.addNodeSettings("manualFilter");
                manual.addStringArray("manuallySelected", c.subsetManuallySelected());
                manual.addStringArray("manuallyDeselected");
                manual.addBoolean("includeUnknownColumns", false);
            } else if (v instanceof WidgetGroup g) {
                saveFields(f.getType(), g, settings.addNodeSettings(key));
            } else if (v == null || v instanceof String) {
                settings.addString(key, (String)v);
            } else {
                throw new IllegalStateException("The subset cannot persist " + f);
            }
        }
    }

    private static java.util.List<Field> persisted(final Class<?> clazz) {
        return java.util.Arrays.stream(clazz.getDeclaredFields())
            .filter(f -> !Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()).toList();
    }

    private static String key(final Field f) {
        Persist persist = f.getAnnotation(Persist.class);
        if (persist != null && !persist.configKey().isBlank()) {
            return persist.configKey();
        }
        return f.getName().startsWith("m_") ? f.getName().substring(2) : f.getName();
    }

    private static Object enumValue(final Class<?> t, final String name) throws InvalidSettingsException {
        for (Object c : t.getEnumConstants()) {
            if (((Enum<?>)c).name().equals(name)) {
                return c;
            }
        }
        throw new InvalidSettingsException("Invalid value '" + name + "'. Possible values: "
            + java.util.Arrays.toString(t.getEnumConstants()));
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
