package org.modeconn.engine.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.modeconn.engine.InvalidInputException;

/**
 * Reads the text form of an architecture, as given after {@code --arch} or in a dialog:
 * <ul>
 * <li>{@code mlp:512,512} — MLP with hidden widths 512 and 512; {@code mlpbn:256,256} with BatchNorm</li>
 * <li>{@code cnn} — the benchmark CNN; {@code cnn:16,32/128} conv channels / dense widths;
 *     {@code cnn:32,64/256/k5} with 5×5 kernels</li>
 * <li>{@code vgg16}, {@code vgg16bn}; {@code vgg:64,M,128,M/512} (M closes a block; / then dense widths);
 *     {@code vggbn:…} with BatchNorm; {@code …/d0.5} with dropout before each dense layer; {@code vgg19},
 *     {@code vgg19bn}</li>
 * <li>{@code preresnet:20} — pre-activation ResNet-20; {@code preresnet:164}; {@code preresnet:20x4} four times
 *     as wide</li>
 * <li>{@code wrn:28x10} — wide ResNet of depth 28, widen factor 10; {@code wrn:28x10,0.3} with dropout</li>
 * </ul>
 */
public final class ArchitectureParser {

    /** The help text listing every form. */
    public static final String FORMS = "mlp:W1,W2,... | mlpbn:W1,W2,... | cnn | cnn:C1,C2,.../D1,... | "
        + "vgg16 | vgg16bn | vgg19 | vgg19bn | vgg:C,C,M,C,M,.../D1,...[/dP] | vggbn:... | preresnet:DEPTH[xWIDTH] | "
        + "wrn:DEPTHxWIDEN[,DROPOUT]";

    private ArchitectureParser() {
    }

    /** Parses {@code text}; the error names the form that was expected. */
    public static ArchitectureSpec parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        String family = t.contains(":") ? t.substring(0, t.indexOf(':')) : t;
        String args = t.contains(":") ? t.substring(t.indexOf(':') + 1) : "";
        try {
            switch (family) {
                case "mlp":
                case "mlpbn":
                    return new MlpSpec(ints(args), family.equals("mlpbn"));
                case "cnn":
                    return args.isEmpty() ? CnnSpec.BENCHMARK : cnn(args);
                case "vgg16":
                case "vgg16bn":
                case "vgg19":
                case "vgg19bn":
                    return VggSpec.reference(family.startsWith("vgg19") ? 19 : 16, family.endsWith("bn"));
                case "vgg":
                case "vggbn":
                    return vgg(args, family.equals("vggbn"));
                case "preresnet":
                    return preresnet(args);
                case "wrn":
                    return wideResNet(args, text);
                case "graph":
                    throw new InvalidInputException("The architecture '" + text + "' is a network read from a "
                        + "model file; it has no text form to build it from.", "Import the model (import-onnx, or "
                            + "the ONNX Network Reader node) and use the network it gives.");
                default:
                    throw unknown(text);
            }
        } catch (NumberFormatException e) {
            throw new InvalidInputException("The architecture '" + text + "' has a size that is not a whole number.",
                "Use one of the forms " + FORMS + ".");
        }
    }

    private static InvalidInputException unknown(String text) {
        return new InvalidInputException("The architecture '" + text + "' is not one this tool knows.",
            "Use one of the forms " + FORMS + ".");
    }

    private static List<Integer> ints(String csv) {
        List<Integer> out = new ArrayList<>();
        if (csv.isEmpty()) {
            return out;
        }
        for (String p : csv.split(",")) {
            out.add(Integer.parseInt(p));
        }
        return out;
    }

    private static CnnSpec cnn(String args) {
        String[] parts = args.split("/");
        List<Integer> channels = ints(parts[0]);
        List<Integer> dense = parts.length > 1 ? ints(parts[1]) : List.of(128);
        int kernel = 3;
        if (parts.length > 2) {
            kernel = Integer.parseInt(parts[2].replace("k", ""));
        }
        return new CnnSpec(channels, dense, kernel);
    }

    private static VggSpec vgg(String args, boolean bn) {
        String[] parts = args.split("/");
        List<List<Integer>> blocks = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        for (String p : parts[0].split(",")) {
            if (p.equals("m")) {
                blocks.add(current);
                current = new ArrayList<>();
            } else if (!p.isEmpty()) {
                current.add(Integer.parseInt(p));
            }
        }
        if (!current.isEmpty()) {
            blocks.add(current);
        }
        List<Integer> dense = parts.length > 1 ? ints(parts[1]) : VggSpec.REFERENCE_HEAD;
        double dropout = 0;
        if (parts.length > 2) {
            dropout = Double.parseDouble(parts[2].replace("d", ""));
        }
        return new VggSpec(blocks, dense, bn, dropout);
    }

    private static WideResNetSpec wideResNet(String args, String text) {
        String[] parts = args.split(",");
        String[] size = parts[0].split("x");
        if (args.isEmpty() || size.length != 2 || parts.length > 2) {
            throw new InvalidInputException("The wide ResNet '" + text + "' is not of the form wrn:DEPTHxWIDEN.",
                "Write it as wrn:28x10 (depth 6n+4, widen factor), or wrn:28x10,0.3 with dropout.");
        }
        double dropout = parts.length > 1 ? Double.parseDouble(parts[1]) : 0;
        return new WideResNetSpec(Integer.parseInt(size[0]), Integer.parseInt(size[1]), dropout);
    }

    private static PreResNetSpec preresnet(String args) {
        if (args.isEmpty()) {
            return new PreResNetSpec(20, 1);
        }
        String[] parts = args.split("x");
        return new PreResNetSpec(Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 1);
    }
}
