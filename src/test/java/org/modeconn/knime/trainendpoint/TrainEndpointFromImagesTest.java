package org.modeconn.knime.trainendpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.data.image.png.PNGImageCellFactory;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.webui.node.dialog.defaultdialog.NodeParametersUtil;
import org.knime.node.parameters.NodeParametersInput;
import org.knime.node.parameters.updates.Effect;
import org.knime.node.parameters.updates.EffectPredicate;
import org.knime.node.parameters.updates.EffectPredicateProvider;
import org.knime.node.parameters.updates.ParameterReference;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.ImageShape;
import org.modeconn.engine.data.TintedDigits;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.train.TrainingSettings;
import org.modeconn.knime.KnimeTables;
import org.modeconn.knime.NodeFixtures;
import org.modeconn.knime.fitcurve.FitCurveNodeParameters;
import org.modeconn.knime.node.AugmentationChoice;
import org.modeconn.knime.node.NodeHarness;
import org.modeconn.knime.ports.NetworkPortObject;
import org.modeconn.knime.table.TableDatasets;

/** Train Endpoint on a column of PNG image cells, with augmentation and channel normalisation. */
class TrainEndpointFromImagesTest {

    private static TrainEndpointNodeModel imageModel(final int epochs) throws InvalidSettingsException {
        TrainEndpointNodeModel m = new TrainEndpointNodeModel();
        TrainEndpointNodeParameters p = m.parameters();
        p.m_imageColumn = "image";
        p.m_targetColumn = "label";
        p.m_architecture = "cnn:4,8,16";
        p.m_epochs = epochs;
        p.m_sgd.m_batchSize = 32;
        p.m_augmentation = AugmentationChoice.CROP_FLIP;
        p.m_channelNormalisation = TrainEndpointNodeParameters.ChannelNormalisation.CIFAR_RESNET;
        NodeHarness.apply(m);
        return m;
    }

    @Test
    void readsThePixelsOfEveryPngCellExactly() throws Exception {
        Dataset rgb = TintedDigits.test().head(20);
        Dataset read = TableDatasets.read(KnimeTables.images(rgb),
            TableDatasets.trainingColumns(KnimeTables.imageSpec(), new String[0], "label", "image"), true, List.of(),
            null, "training table", new ExecutionContext());
        assertThat(read.imageShape()).contains(new ImageShape(3, 32, 32));
        assertThat(read.rawFeatures()).isEqualTo(rgb.rawFeatures());
        assertThat(read.isPixelData()).isTrue();
        assertThat(read.featureNames()).startsWith("image[0,0,0]", "image[0,0,1]");
    }

    @Test
    void trainsACnnFromAColumnOfPngImagesWithCropFlipAndTheResnetPreset() throws Exception {
        TrainEndpointNodeModel m = imageModel(2);
        assertThat(NodeHarness.configure(m, KnimeTables.imageSpec(), KnimeTables.imageSpec())[1]).isNotNull();
        PortObject[] out = NodeHarness.execute(m, new ExecutionContext(),
            KnimeTables.images(TintedDigits.train().head(300)), KnimeTables.images(TintedDigits.test().head(100)));
        NetworkPortObject port = (NetworkPortObject)out[0];
        Network net = port.model();
        assertThat(net.spec().imageShape()).isEqualTo(new ImageShape(3, 32, 32));
        assertThat(net.scaling().kind()).isEqualTo("cifar-resnet");
        assertThat(port.getSpec().description().columns().readsImages()).isTrue();
        assertThat(port.getSpec().description().columns().imageColumn()).isEqualTo("image");
        assertThat(net.provenance().orElseThrow().settings(TrainingSettings.class).orElseThrow().augmentation()
            .toString()).isEqualTo("crop-flip");
        assertThat(((BufferedDataTable)out[1]).size()).isEqualTo(2);
        // Grey test images join the colour training images: each grey value repeated in R, G and B.
        Dataset grey = new Dataset("grey", new float[32 * 32], 1024, new int[] {0}, names(1024), List.of("0"),
            new ImageShape(1, 32, 32), true);
        Dataset asRgb = TableDatasets.read(KnimeTables.images(grey), port.getSpec().description().columns(), true,
            List.of(), net.spec().imageShape(), "test table", new ExecutionContext());
        assertThat(asRgb.numFeatures()).isEqualTo(3072);
    }

    private static List<String> names(final int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("p" + i);
        }
        return names;
    }

    private static DataCell image(final int channels, final int height, final int width) {
        return PNGImageCellFactory.create(KnimeTables.png(new ImageShape(channels, height, width),
            new float[channels * height * width]));
    }

    @Test
    void refusesImagesOfMixedSizesOrColourAmongGreyNamingTheRow() throws Exception {
        TrainEndpointNodeModel m = imageModel(1);
        BufferedDataTable mixed = KnimeTables.of(KnimeTables.imageSpec(), List.of(
            new DataCell[] {image(3, 32, 32), new StringCell("a")}, new DataCell[] {image(3, 30, 32), new StringCell("b")}));
        assertThatThrownBy(() -> NodeHarness.execute(m, new ExecutionContext(), mixed, null))
            .isInstanceOf(KNIMEException.class).hasMessageContaining("mixed sizes")
            .hasMessageContaining("row 'Row1' holds a 32×30 image, row 'Row0' 32×32")
            .satisfies(e -> assertThat(((KNIMEException)e).getKNIMEMessage().getResolutions())
                .anyMatch(r -> r.contains("Resize all images to one size")));
        BufferedDataTable colourAmongGrey = KnimeTables.of(KnimeTables.imageSpec(), List.of(
            new DataCell[] {image(1, 8, 8), new StringCell("a")}, new DataCell[] {image(3, 8, 8), new StringCell("b")}));
        assertThatThrownBy(() -> NodeHarness.execute(m, new ExecutionContext(), colourAmongGrey, null))
            .isInstanceOf(KNIMEException.class).hasMessageContaining("Row 'Row1'")
            .hasMessageContaining("3-channel image, but row 'Row0' 1-channel");
    }

    @Test
    void refusesTheResnetPresetOnGreyImagesAndAColumnThatHoldsNoImages() throws Exception {
        TrainEndpointNodeModel m = imageModel(1);
        BufferedDataTable grey = KnimeTables.of(KnimeTables.imageSpec(), List.of(
            new DataCell[] {image(1, 8, 8), new StringCell("a")}, new DataCell[] {image(1, 8, 8), new StringCell("b")}));
        assertThatThrownBy(() -> NodeHarness.execute(m, new ExecutionContext(), grey, null))
            .isInstanceOf(KNIMEException.class).hasMessageContaining("made for 3-channel (RGB) images")
            .hasMessageContaining("1 channel (1x8x8)");
        DataTableSpec strings = new DataTableSpec(new DataColumnSpecCreator("image", StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator("label", StringCell.TYPE).createSpec());
        assertThatThrownBy(() -> NodeHarness.configure(m, strings, null)).isInstanceOf(InvalidSettingsException.class)
            .hasMessageContaining("not PNG images").hasMessageContaining("Image Reader");
    }

    @Test
    void imageSettingsSurviveSaveAndLoad() throws Exception {
        TrainEndpointNodeModel m = imageModel(3);
        m.parameters().m_cropPadding = 2;
        NodeSettings s = NodeHarness.save(m);
        assertThat(s.getString("imageColumn")).isEqualTo("image");
        assertThat(s.getString("augmentation")).isEqualTo("CROP_FLIP");
        TrainEndpointNodeModel other = new TrainEndpointNodeModel();
        NodeHarness.load(other, s);
        assertThat(other.parameters().augmentation().toString()).isEqualTo("crop-flip:2");
        assertThat(other.parameters().m_channelNormalisation)
            .isEqualTo(TrainEndpointNodeParameters.ChannelNormalisation.CIFAR_RESNET);
    }

    /** Evaluates constants and records string conditions, as the dialog would. */
    private static final class Recorder implements EffectPredicateProvider.PredicateInitializer {
        final NodeParametersInput input;
        final List<String> conditions = new ArrayList<>();
        Boolean constant;

        Recorder(final PortObjectSpec... specs) {
            input = NodeParametersUtil.createDefaultNodeSettingsContext(specs);
        }

        @Override
        public StringReference getString(final Class<? extends ParameterReference<String>> reference) {
            return new StringReference() {
                @Override
                public EffectPredicate isEqualTo(final String value) {
                    conditions.add(reference.getSimpleName() + " = " + value);
                    return new EffectPredicate() {
                    };
                }

                @Override
                public EffectPredicate matchesPattern(final String pattern) {
                    conditions.add(reference.getSimpleName() + " ~ " + pattern);
                    return new EffectPredicate() {
                    };
                }
            };
        }

        @Override
        public <E extends Enum<E>> EnumReference<E> getEnum(final Class<? extends ParameterReference<E>> reference) {
            return values -> {
                conditions.add(reference.getSimpleName() + " in " + Arrays.toString(values));
                return new EffectPredicate() {
                };
            };
        }

        @Override
        public BooleanReference getBoolean(final Class<? extends ParameterReference<Boolean>> reference) {
            return new BooleanReference() {
                @Override
                public EffectPredicate isTrue() {
                    conditions.add(reference.getSimpleName() + " is true");
                    return new EffectPredicate() {
                    };
                }

                @Override
                public EffectPredicate isFalse() {
                    conditions.add(reference.getSimpleName() + " is false");
                    return new EffectPredicate() {
                    };
                }
            };
        }

        @Override
        public EffectPredicate getConstant(final Predicate<NodeParametersInput> predicate) {
            constant = predicate.test(input);
            return new EffectPredicate() {
            };
        }
    }

    @Test
    void augmentationIsShownOnlyForImages() throws Exception {
        for (String field : List.of("m_augmentation", "m_cropPadding", "m_channelNormalisation")) {
            Effect e = TrainEndpointNodeParameters.class.getDeclaredField(field).getAnnotation(Effect.class);
            assertThat(e.type()).isEqualTo(Effect.EffectType.SHOW);
            assertThat(e.predicate()).isEqualTo(TrainEndpointNodeParameters.ReadsImages.class);
        }
        Recorder train = new Recorder();
        new TrainEndpointNodeParameters.ReadsImages().init(train);
        assertThat(train.conditions).containsExactly("ImageShapeRef ~ \\S", "ImageColumnRef ~ \\S");

        Effect fit = FitCurveNodeParameters.class.getDeclaredField("m_augmentation").getAnnotation(Effect.class);
        assertThat(fit.predicate()).isEqualTo(AugmentationChoice.InputNetworkReadsImages.class);
        Recorder images = new Recorder(NodeFixtures.first().getSpec());
        new AugmentationChoice.InputNetworkReadsImages().init(images);
        assertThat(images.constant).as("MNIST networks read 1x28x28 images").isTrue();
        Recorder unknown = new Recorder((PortObjectSpec)null);
        new AugmentationChoice.InputNetworkReadsImages().init(unknown);
        assertThat(unknown.constant).as("not yet known: shown").isTrue();

        TrainEndpointNodeModel dense = new TrainEndpointNodeModel();
        dense.parameters().m_architecture = "mlp:4";
        dense.parameters().m_epochs = 1;
        NodeHarness.apply(dense);
        DataTableSpec table = new DataTableSpec(new DataColumnSpecCreator("x", DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator("label", StringCell.TYPE).createSpec());
        List<DataCell[]> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(new DataCell[] {new DoubleCell(i), new StringCell(i < 10 ? "a" : "b")});
        }
        PortObject[] out = NodeHarness.execute(dense, new ExecutionContext(), KnimeTables.of(table, rows), null);
        Recorder plain = new Recorder(((NetworkPortObject)out[0]).getSpec());
        new AugmentationChoice.InputNetworkReadsImages().init(plain);
        assertThat(plain.constant).as("a network of plain table columns").isFalse();
    }
}
