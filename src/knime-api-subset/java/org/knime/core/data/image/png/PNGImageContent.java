package org.knime.core.data.image.png;

import java.awt.Image;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

import org.knime.core.data.DataType;
import org.knime.core.data.image.ImageContent;

/** KNIME API subset: PNG bytes as image content. */
public class PNGImageContent implements ImageContent {
    public static final DataType TYPE = DataType.getType(PNGImageCell.class);

    private final byte[] m_bytes;

    public PNGImageContent(final byte[] imageBytes) {
        if (imageBytes == null || imageBytes.length < 8 || (imageBytes[0] & 0xff) != 0x89 || imageBytes[1] != 'P') {
            throw new IllegalArgumentException("Byte array does not represent a valid PNG image.");
        }
        m_bytes = imageBytes.clone();
    }

    public byte[] getByteArray() {
        return m_bytes.clone();
    }

    public byte[] getByteArrayReference() {
        return m_bytes;
    }

    public Image getImage() {
        try {
            return ImageIO.read(new ByteArrayInputStream(m_bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String getSummary() {
        return "PNG image";
    }
}
