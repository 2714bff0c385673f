package io.github.javaopenai.realtime;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads and writes PCM16 WAV files, the audio format realtime sessions use by default: 16-bit
 * little-endian samples, mono, 24 kHz.
 *
 * @param sampleRate samples per second
 * @param channels the number of channels
 * @param pcm the samples, 16-bit little-endian, channels interleaved
 * @since 0.1
 */
public record Wav(int sampleRate, int channels, byte[] pcm) {

    /** The sample rate realtime sessions use for PCM16 audio unless configured otherwise. */
    public static final int REALTIME_SAMPLE_RATE = 24_000;

    /** Checks the format. */
    public Wav {
        Objects.requireNonNull(pcm, "pcm == null");
        if (sampleRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException("sample rate and channels must be positive: " + sampleRate + ", " + channels);
        }
    }

    /** Returns mono PCM16 audio at 24 kHz, as realtime sessions send it. */
    public static Wav ofRealtimePcm16(byte[] pcm) {
        return new Wav(REALTIME_SAMPLE_RATE, 1, pcm);
    }

    /**
     * Reads a PCM16 WAV file.
     *
     * @throws IllegalArgumentException when the file is not a 16-bit PCM WAV file, saying what it is
     * @throws java.io.UncheckedIOException when it cannot be read
     */
    public static Wav read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a PCM16 WAV stream; see {@link #read(Path)}. */
    public static Wav read(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        byte[] header = new byte[12];
        try {
            in.readFully(header);
        } catch (EOFException e) {
            throw new IllegalArgumentException("not a WAV file: shorter than a RIFF header");
        }
        if (!"RIFF".equals(ascii(header, 0)) || !"WAVE".equals(ascii(header, 8))) {
            throw new IllegalArgumentException("not a WAV file: no RIFF/WAVE header");
        }
        int sampleRate = -1;
        int channels = -1;
        while (true) {
            byte[] chunk = new byte[8];
            try {
                in.readFully(chunk);
            } catch (EOFException e) {
                throw new IllegalArgumentException("WAV file has no data chunk");
            }
            String id = ascii(chunk, 0);
            long size = Integer.toUnsignedLong(ByteBuffer.wrap(chunk, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
            if (id.equals("fmt ")) {
                byte[] fmt = in.readNBytes((int) size);
                ByteBuffer b = ByteBuffer.wrap(fmt).order(ByteOrder.LITTLE_ENDIAN);
                int format = b.getShort(0) & 0xffff;
                channels = b.getShort(2) & 0xffff;
                sampleRate = b.getInt(4);
                int bits = b.getShort(14) & 0xffff;
                if ((format != 1 && format != 0xfffe) || bits != 16) {
                    throw new IllegalArgumentException("WAV file is not 16-bit PCM: format " + format + ", " + bits
                            + " bits per sample");
                }
                skip(in, size & 1);
            } else if (id.equals("data")) {
                if (sampleRate < 0) {
                    throw new IllegalArgumentException("WAV file has its data before its fmt chunk");
                }
                return new Wav(sampleRate, channels, in.readNBytes((int) Math.min(size, Integer.MAX_VALUE - 8)));
            } else {
                skip(in, size + (size & 1));
            }
        }
    }

    /** Writes the audio as a WAV file, replacing the file if it exists. */
    public void write(Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(toBytes());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Returns the audio as the bytes of a WAV file. */
    public byte[] toBytes() {
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + pcm.length).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        h.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) channels)
                .putInt(sampleRate).putInt(sampleRate * channels * 2).putShort((short) (channels * 2)).putShort((short) 16);
        h.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(pcm.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(44 + pcm.length);
        out.writeBytes(h.array());
        out.writeBytes(pcm);
        return out.toByteArray();
    }

    /** Returns how long the audio plays, in milliseconds. */
    public long durationMillis() {
        return pcm.length / 2L / channels * 1000L / sampleRate;
    }

    private static void skip(DataInputStream in, long count) throws IOException {
        long left = count;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IllegalArgumentException("WAV file ends inside a chunk");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static String ascii(byte[] bytes, int offset) {
        return new String(bytes, offset, 4, StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "Wav{sampleRate=" + sampleRate + ", channels=" + channels + ", bytes=" + pcm.length + "}";
    }
}
