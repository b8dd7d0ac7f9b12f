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
 *     {@code vggbn:…} with BatchNorm</li>
 * <li>{@code preresnet:20} — pre-activation ResNet-20; {@code preresnet:164}; {@code preresnet:20x4} four times
 *     as wide</li>
 * </ul>
 */
public final class ArchitectureParser {

    /** The help text listing every form. */
    public static final String FORMS = "mlp:W1,W2,... | mlpbn:W1,W2,... | cnn | cnn:C1,C2,.../D1,... | "
        + "vgg16 | vgg16bn | vgg:C,C,M,C,M,.../D1,... | vggbn:... | preresnet:DEPTH[xWIDTH]";

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
                    return new VggSpec(VggSpec.VGG16_BLOCKS, List.of(512, 512), family.equals("vgg16bn"));
                case "vgg":
                case "vggbn":
                    return vgg(args, family.equals("vggbn"));
                case "preresnet":
                    return preresnet(args);
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
        List<Integer> dense = parts.length > 1 ? ints(parts[1]) : List.of(512, 512);
        return new VggSpec(blocks, dense, bn);
    }

    private static PreResNetSpec preresnet(String args) {
        if (args.isEmpty()) {
            return new PreResNetSpec(20, 1);
        }
        String[] parts = args.split("x");
        return new PreResNetSpec(Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 1);
    }
}
