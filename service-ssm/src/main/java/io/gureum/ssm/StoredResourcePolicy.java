package io.gureum.ssm;

/** One resource policy of a parameter or OpsItemGroup: its ID, the hash of its current text, the text. */
record StoredResourcePolicy(String id, String hash, String policy) {
}
