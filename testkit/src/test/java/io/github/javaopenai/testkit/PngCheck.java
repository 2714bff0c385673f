package io.github.javaopenai.testkit;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Inflater;

/** Checks a PNG's structure: signature, chunk CRCs, and image data that inflates to the right size. */
final class PngCheck {

    private PngCheck() {
    }

    static boolean isValid(byte[] png) {
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        if (png.length < 8 || !Arrays.equals(Arrays.copyOf(png, 8), signature)) {
            return false;
        }
        ByteBuffer buffer = ByteBuffer.wrap(png, 8, png.length - 8);
        int width = 0;
        int height = 0;
        java.io.ByteArrayOutputStream idat = new java.io.ByteArrayOutputStream();
        boolean end = false;
        while (buffer.remaining() >= 12 && !end) {
            int length = buffer.getInt();
            byte[] type = new byte[4];
            buffer.get(type);
            byte[] data = new byte[length];
            buffer.get(data);
            CRC32 crc = new CRC32();
            crc.update(type);
            crc.update(data);
            if ((int) crc.getValue() != buffer.getInt()) {
                return false;
            }
            String name = new String(type, java.nio.charset.StandardCharsets.US_ASCII);
            if (name.equals("IHDR")) {
                width = ByteBuffer.wrap(data).getInt(0);
                height = ByteBuffer.wrap(data).getInt(4);
            } else if (name.equals("IDAT")) {
                idat.writeBytes(data);
            } else if (name.equals("IEND")) {
                end = true;
            }
        }
        return end && width > 0 && inflatedSize(idat.toByteArray()) == height * (1 + 3 * width);
    }

    private static int inflatedSize(byte[] data) {
        Inflater inflater = new Inflater();
        inflater.setInput(data);
        byte[] out = new byte[1 << 16];
        try {
            return inflater.inflate(out);
        } catch (java.util.zip.DataFormatException e) {
            return -1;
        } finally {
            inflater.end();
        }
    }
}
