package io.gureum.elb;

import java.util.Map;

/**
 * The Route 53 hosted zone IDs AWS publishes per Region for load balancer DNS names ("Elastic Load Balancing
 * endpoints and quotas" in the AWS General Reference): one for Application (and Classic) Load Balancers, one
 * for Network Load Balancers. Gateway Load Balancers use the Network Load Balancer column.
 */
final class HostedZones {
    private static final Map<String, String[]> ZONES = Map.ofEntries(
            Map.entry("us-east-1", new String[] {"Z35SXDOTRQ7X7K", "Z26RNL4JYFTOTI"}),
            Map.entry("us-east-2", new String[] {"Z3AADJGX6KTTL2", "ZLMOA37VPKANP"}),
            Map.entry("us-west-1", new String[] {"Z368ELLRRE2KJ0", "Z24FKFUX50B4VW"}),
            Map.entry("us-west-2", new String[] {"Z1H1FL5HABSF5", "Z18D5FSROUN65G"}),
            Map.entry("af-south-1", new String[] {"Z268VQBMOI5EKX", "Z203XCE67M25HM"}),
            Map.entry("ap-east-1", new String[] {"Z3DQVH9N71FHZ0", "Z12Y7K3UBGUAD1"}),
            Map.entry("ap-south-1", new String[] {"ZP97RAFLXTNZK", "ZVDDRBQ08TROA"}),
            Map.entry("ap-northeast-1", new String[] {"Z14GRHDCWA56QT", "Z31USIVHYNEOWT"}),
            Map.entry("ap-northeast-2", new String[] {"ZWKZPGTI48KDX", "ZIBE1TIR4HY56"}),
            Map.entry("ap-northeast-3", new String[] {"Z5LXEXXYW11ES", "Z1GWIQ4HH19I5X"}),
            Map.entry("ap-southeast-1", new String[] {"Z1LMS91P8CMLE5", "ZKVM4W9LS7TM"}),
            Map.entry("ap-southeast-2", new String[] {"Z1GM3OXH4ZPM65", "ZCT6FZBF4DROD"}),
            Map.entry("ca-central-1", new String[] {"ZQSVJUPU6J1EY", "Z2EPGBW3API2WT"}),
            Map.entry("eu-central-1", new String[] {"Z215JYRZR1TBD5", "Z3F0SRJ5LGBH90"}),
            Map.entry("eu-west-1", new String[] {"Z32O12XQLNTSW2", "Z2IFOLAFXWLO4F"}),
            Map.entry("eu-west-2", new String[] {"ZHURV8PSTC4K8", "ZD4D7Y8KGAS4G"}),
            Map.entry("eu-west-3", new String[] {"Z3Q77PNBQS71R4", "Z1CMS0P5QUZ6D5"}),
            Map.entry("eu-south-1", new String[] {"Z3ULH7SSC9OV64", "Z23146JA1KNAFP"}),
            Map.entry("eu-north-1", new String[] {"Z23TAZ7KJBTRBD", "Z1UDT6IFJ4EJM"}),
            Map.entry("me-south-1", new String[] {"ZS929ML54UICD", "Z3QSRYVP46NYYV"}),
            Map.entry("sa-east-1", new String[] {"Z2P70J7HTTTPLU", "ZTK26PT1VY4CU"}));

    private HostedZones() {
    }

    /** The zone for a load balancer type in a Region; us-east-1's for a Region this table lacks. */
    static String of(String region, String type) {
        String[] z = ZONES.getOrDefault(region, ZONES.get("us-east-1"));
        return "application".equals(type) ? z[0] : z[1];
    }
}
