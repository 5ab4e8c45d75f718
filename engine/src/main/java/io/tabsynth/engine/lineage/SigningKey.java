package io.tabsynth.engine.lineage;

import io.tabsynth.spi.io.Sha256;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An Ed25519 key pair (Bouncy Castle). The key id is the SHA-256 of the raw 32-byte public key, in hex, so
 * anyone holding the public key can compute it. The private half never leaves this object except through
 * {@link KeyStore}, which writes it readable by its owner alone.
 */
public final class SigningKey {
    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410), followed by the 32 key bytes. */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    /** DER prefix of a PKCS#8 PrivateKeyInfo for Ed25519 (RFC 8410), followed by the 32-byte seed. */
    private static final byte[] PKCS8_PREFIX = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
            0x04, 0x22, 0x04, 0x20};

    private final Ed25519PrivateKeyParameters privateKey;
    private final Ed25519PublicKeyParameters publicKey;

    SigningKey(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = privateKey.generatePublicKey();
    }

    /** A new random key pair. */
    public static SigningKey generate() {
        return new SigningKey(new Ed25519PrivateKeyParameters(new java.security.SecureRandom()));
    }

    /** The key id of this key's public half. */
    public String keyId() {
        return keyId(publicKey.getEncoded());
    }

    /** The key id of a raw 32-byte Ed25519 public key. */
    public static String keyId(byte[] rawPublicKey) {
        return Sha256.hex(rawPublicKey);
    }

    /** The raw 32-byte public key. */
    public byte[] publicKeyBytes() {
        return publicKey.getEncoded();
    }

    /** Signs a message (Ed25519, 64-byte signature). */
    public byte[] sign(byte[] message) {
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, privateKey);
        s.update(message, 0, message.length);
        return s.generateSignature();
    }

    /** True if the signature over the message verifies with the raw public key. */
    public static boolean verify(byte[] rawPublicKey, byte[] message, byte[] signature) {
        if (rawPublicKey.length != 32 || signature.length != 64) {
            return false;
        }
        Ed25519Signer v = new Ed25519Signer();
        v.init(false, new Ed25519PublicKeyParameters(rawPublicKey, 0));
        v.update(message, 0, message.length);
        return v.verifySignature(signature);
    }

    /** The public key in PEM (X.509 SubjectPublicKeyInfo), readable by OpenSSL and the JDK. */
    public String publicKeyPem() {
        return publicKeyPem(publicKeyBytes());
    }

    /** A raw 32-byte Ed25519 public key in PEM. */
    public static String publicKeyPem(byte[] rawPublicKey) {
        return pem("PUBLIC KEY", concat(SPKI_PREFIX, rawPublicKey));
    }

    /** The private key in PEM (PKCS#8). */
    String privateKeyPem() {
        return pem("PRIVATE KEY", concat(PKCS8_PREFIX, privateKey.getEncoded()));
    }

    /** Reads a PKCS#8 PEM private key written by {@link #privateKeyPem}. */
    static SigningKey fromPrivatePem(String pem) {
        byte[] der = unpem(pem);
        if (der.length != PKCS8_PREFIX.length + 32 || !startsWith(der, PKCS8_PREFIX)) {
            throw new IllegalArgumentException("not an Ed25519 PKCS#8 private key");
        }
        return new SigningKey(new Ed25519PrivateKeyParameters(der, PKCS8_PREFIX.length));
    }

    /** The raw 32-byte key of an Ed25519 public key in PEM. */
    public static byte[] publicKeyFromPem(String pem) {
        byte[] der = unpem(pem);
        if (der.length != SPKI_PREFIX.length + 32 || !startsWith(der, SPKI_PREFIX)) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
        return java.util.Arrays.copyOfRange(der, SPKI_PREFIX.length, der.length);
    }

    /** The JDK's own view of a raw Ed25519 public key (for interoperability checks). */
    public static PublicKey jdkPublicKey(byte[] rawPublicKey) throws GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(concat(SPKI_PREFIX, rawPublicKey)));
    }

    /** The JDK's view of this private key (for interoperability checks). */
    java.security.PrivateKey jdkPrivateKey() throws GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePrivate(
                new java.security.spec.PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, privateKey.getEncoded())));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] unpem(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static boolean startsWith(byte[] a, byte[] prefix) {
        return java.util.Arrays.equals(a, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
