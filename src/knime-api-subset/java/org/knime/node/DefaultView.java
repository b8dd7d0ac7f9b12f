package org.knime.node;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.FluentNodeAPI;
import org.knime.core.node.port.PortObject;
import org.knime.core.webui.data.InitialDataService;
import org.knime.core.webui.page.Page;
import org.knime.core.webui.page.Page.RequireFromFileOrString;
import org.knime.node.parameters.NodeParameters;

/**
 * KNIME API subset: a node's web view: a page, its description, and the initial data the page asks for, made
 * from the node's internal port objects (the RPC data service is not mirrored).
 */
public final class DefaultView implements FluentNodeAPI {

    private final Class<? extends NodeParameters> m_parametersClass;

    final String m_description;

    final Page m_page;

    Function<ViewInput, InitialDataService<?>> m_initialDataServiceFct;

    static RequireViewParameters create() {
        return parametersClass -> description -> pageFct -> new DefaultView(parametersClass, description,
            pageFct.apply(Page.create()));
    }

    private DefaultView(final Class<? extends NodeParameters> parametersClass, final String description,
        final Page page) {
        m_parametersClass = parametersClass;
        m_description = description;
        m_page = page;
    }

    Optional<Class<? extends NodeParameters>> getParametersClass() {
        return Optional.ofNullable(m_parametersClass);
    }

    public interface RequireViewParameters {
        RequireDescription parametersClass(Class<? extends NodeParameters> parametersClass);

        default RequireDescription withoutParameters() {
            return parametersClass(null);
        }
    }

    public interface RequireDescription {
        RequirePage description(String description);
    }

    public interface RequirePage {
        DefaultView page(Function<RequireFromFileOrString, Page> page);
    }

    public <D> DefaultView initialData(final Function<RequireInitialData, DefaultInitialData<D>> initialData) {
        m_initialDataServiceFct = vi -> initialData.apply(DefaultInitialData.create()).toInitialDataService(vi);
        return this;
    }

    public static final class DefaultInitialData<D> implements FluentNodeAPI {
        private final Function<ViewInput, D> m_dataSupplier;

        private InitialDataService.Serializer<D> m_serializer;

        DefaultInitialData(final Function<ViewInput, D> dataSupplier) {
            m_dataSupplier = dataSupplier;
        }

        InitialDataService<D> toInitialDataService(final ViewInput vi) {
            final var builder = InitialDataService.builder(() -> m_dataSupplier.apply(vi));
            if (m_serializer != null) {
                builder.serializer(m_serializer);
            }
            return builder.build();
        }

        static RequireInitialData create() {
            return new RequireInitialData() {
                @Override
                public <D> DefaultInitialData<D> data(final Function<ViewInput, D> dataSupplier) {
                    return new DefaultInitialData<>(dataSupplier);
                }
            };
        }

        public DefaultInitialData<D> serializer(final InitialDataService.Serializer<D> serializer) {
            if (m_serializer != null) {
                throw new IllegalStateException("Serializer already set.");
            }
            m_serializer = serializer;
            return this;
        }
    }

    public interface RequireInitialData {
        <D> DefaultInitialData<D> data(Function<ViewInput, D> data);
    }

    public interface ViewInput {
        <S extends NodeParameters> S getParameters();

        default BufferedDataTable[] getInternalTables() {
            return Arrays.stream(getInternalPortObjects()).map(BufferedDataTable.class::cast)
                .toArray(BufferedDataTable[]::new);
        }

        PortObject[] getInternalPortObjects();
    }

    /** Subset only: the view's description. */
    public String subsetDescription() {
        return m_description;
    }

    /** Subset only: the page. */
    public Page subsetPage() {
        return m_page;
    }

    /** Subset only: the initial data service KNIME would create for this input. */
    public Optional<InitialDataService<?>> subsetInitialDataService(final ViewInput input) {
        return Optional.ofNullable(m_initialDataServiceFct).map(f -> f.apply(input));
    }
}
