// Encryption at rest and the app lock through the generated Kotlin API, against the real
// native library: what the Android shell does with the key it keeps in the Android Keystore.
package org.wellbeingcompanion.bindings

import java.io.File
import java.security.SecureRandom
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import uniffi.wellbeing.LockSettingsInput
import uniffi.wellbeing.StoreEncryption
import uniffi.wellbeing.StoreKey
import uniffi.wellbeing.UnlockOutcome
import uniffi.wellbeing.WellbeingException
import uniffi.wellbeing.WellbeingStore
import uniffi.wellbeing.encryptionInfo
import uniffi.wellbeing.helpNowWithoutStore
import uniffi.wellbeing.storeEncryption

class EncryptionTest {
    private fun randomKey(): StoreKey.Raw = StoreKey.Raw(ByteArray(32).also { SecureRandom().nextBytes(it) })

    @Test
    fun opensWithItsKeyAndRefusesAWrongOneLeavingTheFile(@TempDir dir: File) {
        val f = File(dir, "store.db")
        val key = randomKey()
        WellbeingStore.openEncrypted(f.path, key).use { c ->
            assertTrue(c.isEncrypted())
            c.scalingCheckIn(6, "kotlin-marker-7731")
        }
        assertEquals(StoreEncryption.ENCRYPTED, storeEncryption(f.path))
        val before = f.readBytes()
        assertFalse(String(before, Charsets.ISO_8859_1).contains("kotlin-marker-7731"))

        assertThrows(WellbeingException.WrongKey::class.java) { WellbeingStore.openEncrypted(f.path, randomKey()) }
        assertThrows(WellbeingException.KeyRequired::class.java) { WellbeingStore.open(f.path) }
        assertThrows(WellbeingException.InvalidInput::class.java) {
            WellbeingStore.openEncrypted(f.path, StoreKey.Raw(ByteArray(16)))
        }
        assertArrayEquals(before, f.readBytes(), "a refused open changed the file")
        // Help now still works without the key.
        assertTrue(helpNowWithoutStore(f.path).contacts.isNotEmpty())

        WellbeingStore.openEncrypted(f.path, key).use { c ->
            assertEquals("kotlin-marker-7731", c.scalingCheckInToday()?.note)
        }
        assertEquals("libtomcrypt", encryptionInfo().cryptoProvider)
    }

    @Test
    fun aPlainStoreIsEncryptedInPlaceAndTheBiometricKeyUnlocks(@TempDir dir: File) {
        val f = File(dir, "old.db")
        WellbeingStore.open(f.path).use { c -> c.scalingCheckIn(3, "made before encryption") }
        assertEquals(StoreEncryption.PLAIN, storeEncryption(f.path))
        val key = randomKey()
        assertThrows(WellbeingException.NotEncrypted::class.java) { WellbeingStore.openEncrypted(f.path, key) }
        WellbeingStore.open(f.path).use { c -> c.changeStoreKey(key) }
        WellbeingStore.openEncrypted(f.path, key).use { c ->
            assertEquals("made before encryption", c.scalingCheckInToday()?.note)
            c.setLockSettings(LockSettingsInput(true, 0u, "2468", true))
            assertTrue(c.lockNow().locked)
            // What the shell passes after the biometric prompt released the Keystore key.
            assertTrue(c.unlockWithKey(randomKey()) is UnlockOutcome.Wrong)
            assertTrue(c.lockState().locked)
            assertEquals(UnlockOutcome.Unlocked, c.unlockWithKey(key))
            assertFalse(c.lockState().locked)
        }
    }
}
