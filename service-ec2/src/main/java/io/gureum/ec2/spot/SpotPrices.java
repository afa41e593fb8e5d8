package io.gureum.ec2.spot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.zip.CRC32;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;

/**
 * Plausible Spot prices that are the same on every run: an on-demand-like hourly price from the type's
 * vCPUs and memory (about $0.03 per vCPU and $0.004 per GiB, burstable types a fifth of that, Graviton 20%
 * less, Windows and RHEL/SUSE licences on top), a Spot discount of 55 to 70% fixed per type, zone and
 * product, and a change of at most ±5% every {@link #PERIOD}, all from a hash, never from randomness.
 */
public final class SpotPrices {
    /** How often a price may change. */
    static final Duration PERIOD = Duration.ofHours(4);

    /** The product descriptions DescribeSpotPriceHistory lists when none are asked for. */
    static final List<String> DEFAULT_PRODUCTS = List.of("Linux/UNIX", "Red Hat Enterprise Linux", "SUSE Linux", "Windows");

    private SpotPrices() {
    }

    /** The start of the period {@code t} lies in: the time of the price change in effect at {@code t}. */
    static Instant periodStart(Instant t) {
        long p = PERIOD.getSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), p) * p);
    }

    /** The on-demand-like hourly price of {@code type} for {@code product}. */
    public static BigDecimal onDemand(InstanceTypeInfo type, String product) {
        int vcpus = type.vCpuInfo().defaultVCpus();
        double gib = type.memoryInfo().sizeInMiB() / 1024.0;
        double price = vcpus * 0.03 + gib * 0.004;
        if (type.instanceTypeAsString().startsWith("t")) {
            price *= 0.2;
        }
        if (type.processorInfo().supportedArchitecturesAsStrings().contains("arm64")) {
            price *= 0.8;
        }
        String base = product.replace(" (Amazon VPC)", "");
        price += switch (base) {
            case "Windows" -> vcpus * 0.046;
            case "Red Hat Enterprise Linux" -> vcpus <= 4 ? 0.06 : 0.13;
            case "SUSE Linux" -> vcpus <= 2 ? 0.03 : 0.1;
            default -> 0;
        };
        return BigDecimal.valueOf(price).setScale(6, RoundingMode.HALF_UP);
    }

    /** The Spot price of {@code type} in {@code zone} for {@code product} in the period starting at {@code at}. */
    public static BigDecimal price(InstanceTypeInfo type, String zone, String product, Instant at) {
        String key = type.instanceTypeAsString() + "|" + zone + "|" + product;
        double discount = 0.55 + 0.15 * unit(key);
        double wobble = 1 + 0.1 * (unit(key + "|" + periodStart(at).getEpochSecond()) - 0.5);
        double price = onDemand(type, product).doubleValue() * (1 - discount) * wobble;
        return BigDecimal.valueOf(Math.max(price, 0.0001)).setScale(6, RoundingMode.HALF_UP);
    }

    /** A number in [0, 1) fixed by {@code key}. */
    private static double unit(String key) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() / (double) (1L << 32);
    }
}
