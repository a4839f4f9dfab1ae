package dev.lanyard.kiosk.support;

/** Finds plaintext in raw file bytes, for the tests that prove what is not stored in the clear. */
public final class ByteSearch {
    private ByteSearch() {
    }

    public static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
