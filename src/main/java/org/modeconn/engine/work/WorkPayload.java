package org.modeconn.engine.work;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.modeconn.engine.curve.CurveModel;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.ImageShape;
import org.modeconn.engine.io.CurveFile;
import org.modeconn.engine.io.ModelContainer;
import org.modeconn.engine.io.NetworkFile;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.record.Json;

/**
 * The bytes in which an {@link IndependentWork} travels to other processes: value types as JSON, networks and curves
 * in their files' format, vectors and data sets as raw numbers (bit for bit, so that a result computed elsewhere
 * equals the one computed here).
 */
public final class WorkPayload {

    private WorkPayload() {
    }

    /** Writes what {@code body} writes into bytes. */
    public static byte[] write(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            body.write(new Writer(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A reader of bytes written by {@link #write}. */
    public static Reader read(byte[] bytes) {
        return new Reader(new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    /** What is written, in order. */
    @FunctionalInterface
    public interface Body {
        /** Writes the parts. */
        void write(Writer out) throws IOException;
    }

    /** Writes the parts of a payload. */
    public static final class Writer {
        private final DataOutputStream out;

        private Writer(DataOutputStream out) {
            this.out = out;
        }

        /** A value type, as JSON. */
        public void json(Object value) throws IOException {
            bytes(Json.MAPPER.writeValueAsBytes(value));
        }

        /** An int. */
        public void integer(int v) throws IOException {
            out.writeInt(v);
        }

        /** A vector, or null. */
        public void floats(float[] v) throws IOException {
            out.writeInt(v == null ? -1 : v.length);
            if (v != null) {
                for (float f : v) {
                    out.writeFloat(f);
                }
            }
        }

        /** A vector, or null. */
        public void doubles(double[] v) throws IOException {
            out.writeInt(v == null ? -1 : v.length);
            if (v != null) {
                for (double d : v) {
                    out.writeDouble(d);
                }
            }
        }

        /** A network in the network file's format. */
        public void network(Network n) throws IOException {
            bytes(NetworkFile.toContainer(n).toBytes());
        }

        /** A curve in the curve file's format. */
        public void curve(CurveModel c) throws IOException {
            bytes(CurveFile.toContainer(c).toBytes());
        }

        private void bytes(byte[] b) throws IOException {
            out.writeInt(b.length);
            out.write(b);
        }

        /** A data set, or null: its values, labels, names and image shape. */
        public void dataset(Dataset d) throws IOException {
            out.writeBoolean(d != null);
            if (d == null) {
                return;
            }
            out.writeUTF(d.name());
            out.writeInt(d.numFeatures());
            floats(d.rawFeatures());
            int[] labels = d.labels();
            out.writeInt(labels.length);
            for (int l : labels) {
                out.writeInt(l);
            }
            strings(d.featureNames());
            strings(d.classNames());
            json(d.imageShape().orElse(null));
            out.writeBoolean(d.isPixelData());
        }

        private void strings(List<String> list) throws IOException {
            out.writeInt(list.size());
            for (String s : list) {
                out.writeUTF(s);
            }
        }
    }

    /** Reads the parts of a payload in the order they were written. */
    public static final class Reader {
        private final DataInputStream in;

        private Reader(DataInputStream in) {
            this.in = in;
        }

        /** A part read from the stream, which may fail as streams do. */
        @FunctionalInterface
        private interface Part<T> {
            T read() throws IOException;
        }

        private static <T> T io(Part<T> part) {
            try {
                return part.read();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A value type written by {@link Writer#json}. */
        public <T> T json(Class<T> type) {
            return io(() -> Json.MAPPER.readValue(bytes(), type));
        }

        /** An int. */
        public int integer() {
            return io(in::readInt);
        }

        /** A vector, or null. */
        public float[] floats() {
            return io(() -> {
                int n = in.readInt();
                if (n < 0) {
                    return null;
                }
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = in.readFloat();
                }
                return v;
            });
        }

        /** A vector, or null. */
        public double[] doubles() {
            return io(() -> {
                int n = in.readInt();
                if (n < 0) {
                    return null;
                }
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = in.readDouble();
                }
                return v;
            });
        }

        /** A network written by {@link Writer#network}. */
        public Network network() {
            return NetworkFile.fromContainer(ModelContainer.decode(io(this::bytes), "work", NetworkFile.KIND), "work");
        }

        /** A curve written by {@link Writer#curve}. */
        public CurveModel curve() {
            return CurveFile.fromContainer(ModelContainer.decode(io(this::bytes), "work", CurveFile.KIND), "work");
        }

        private byte[] bytes() throws IOException {
            byte[] b = new byte[in.readInt()];
            in.readFully(b);
            return b;
        }

        /** A data set, or null. */
        public Dataset dataset() {
            return io(() -> {
                if (!in.readBoolean()) {
                    return null;
                }
                String name = in.readUTF();
                int numFeatures = in.readInt();
                float[] features = floats();
                int[] labels = new int[in.readInt()];
                for (int i = 0; i < labels.length; i++) {
                    labels[i] = in.readInt();
                }
                List<String> featureNames = strings();
                List<String> classNames = strings();
                ImageShape shape = json(ImageShape.class);
                boolean pixels = in.readBoolean();
                return new Dataset(name, features, numFeatures, labels, featureNames, classNames, shape, pixels);
            });
        }

        private List<String> strings() throws IOException {
            int n = in.readInt();
            List<String> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(in.readUTF());
            }
            return list;
        }
    }
}
