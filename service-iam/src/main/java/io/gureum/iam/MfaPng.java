package io.gureum.iam;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * CreateVirtualMFADevice's {@code QRCodePNG}. AWS answers a QR code of the {@code otpauth://} URI; Gureum answers a
 * valid PNG image (one white pixel) that carries the URI in a {@code tEXt} chunk keyed {@code otpauth}, not a
 * scannable QR code. Tools that only pass the bytes on work; apps that scan them do not (use Base32StringSeed).
 */
final class MfaPng {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private MfaPng() {
    }

    static byte[] of(String otpauthUri) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SIGNATURE);
        // 1×1, 8-bit greyscale, deflate, no filter method, no interlace.
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(1).putInt(1).put((byte) 8).put((byte) 0).put((byte) 0)
                .put((byte) 0).put((byte) 0).array());
        chunk(out, "tEXt", ("otpauth\0" + otpauthUri).getBytes(StandardCharsets.ISO_8859_1));
        chunk(out, "IDAT", deflate(new byte[] {0, (byte) 0xff}));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** {@code otpauth://totp/Amazon Web Services:<name>@<account>?secret=…} as the virtual MFA apps read it. */
    static String uri(String deviceName, String account, String base32Seed) {
        String label = ("Amazon Web Services:" + deviceName + "@" + account).replace(" ", "%20");
        return "otpauth://totp/" + label + "?secret=" + base32Seed + "&issuer=Amazon%20Web%20Services";
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] deflate(byte[] raw) {
        Deflater d = new Deflater();
        d.setInput(raw);
        d.finish();
        byte[] buf = new byte[64];
        int n = d.deflate(buf);
        d.end();
        return java.util.Arrays.copyOf(buf, n);
    }
}
