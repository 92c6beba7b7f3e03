package org.wellbeingcompanion.android

import android.app.Application
import org.junit.Assert.assertArrayEquals
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertThrows
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import uniffi.wellbeing.StoreEncryption
import uniffi.wellbeing.StoreKey
import uniffi.wellbeing.WellbeingException
import uniffi.wellbeing.WellbeingStore
import uniffi.wellbeing.encryptionInfo
import uniffi.wellbeing.storeEncryption
import java.io.File

/**
 * The store's key as the app keeps it, with a wrapping key in memory standing in for the
 * Keystore's: made once, kept wrapped, handed to the core's keyed open; and when the wrapped
 * file is missing, damaged or another key's, a typed error with every file left as it was.
 */
@RunWith(RobolectricTestRunner::class)
class StoreKeysTest {
    private val app: Application = RuntimeEnvironment.getApplication()
    private val dir = app.noBackupFilesDir
    private val db = File(dir, MainActivity.DATABASE_FILE)
    private val keyFile = File(dir, AppStoreKeys.KEY_FILE)
    private val vault = StoreKeyVault(keyFile, TestApplication.storeWrapper)

    /** An encrypted store under the vault's new key, with one check-in. */
    private fun encryptedStore(): ByteArray {
        val key = vault.newKey()
        WellbeingStore.openEncrypted(db.path, StoreKey.Raw(key)).use { it.scalingCheckIn(7, null) }
        assertEquals(StoreEncryption.ENCRYPTED, storeEncryption(db.path))
        return db.readBytes()
    }

    @Test
    fun theKeyIsMadeOnceKeptOnlyWrappedAndGivenBack() {
        assertFalse(vault.hasKey())
        val key = vault.newKey()
        assertEquals(encryptionInfo().rawKeyBytes.toInt(), key.size)
        val wrapped = keyFile.readBytes()
        assertFalse("the key's bytes are not in the file", wrapped.toList().windowed(key.size).any { it == key.toList() })
        assertArrayEquals(key, vault.key())
        // A second key would strand a store encrypted under the first: refused, file unchanged.
        assertThrows(IllegalStateException::class.java) { vault.newKey() }
        assertArrayEquals(wrapped, keyFile.readBytes())
        assertFalse(File(keyFile.path + ".partial").exists())
    }

    @Test
    fun aPlainOrNewStoreOpensWithoutAKey() {
        openPersonStore(db.path, vault).use { it.scalingCheckIn(4, null) }
        assertEquals(StoreEncryption.PLAIN, storeEncryption(db.path))
        openPersonStore(db.path, vault).use { assertEquals(4, it.scalingCheckInToday()?.value) }
        assertFalse(vault.hasKey())
    }

    @Test
    fun anEncryptedStoreOpensWithTheKeptKey() {
        encryptedStore()
        openPersonStore(db.path, vault).use {
            assertTrue(it.isEncrypted())
            assertEquals(7, it.scalingCheckInToday()?.value)
        }
    }

    @Test
    fun aMissingWrappedKeyIsATypedErrorAndTheStoreIsKept() {
        val before = encryptedStore()
        assertTrue(keyFile.delete())
        assertThrows(StoreKeyException.Missing::class.java) { openPersonStore(db.path, vault) }
        assertArrayEquals(before, db.readBytes())
    }

    @Test
    fun aDamagedWrappedKeyIsATypedErrorAndBothFilesAreKept() {
        val before = encryptedStore()
        val damaged = keyFile.readBytes().also { it[it.size / 2] = (it[it.size / 2].toInt() xor 1).toByte() }
        keyFile.writeBytes(damaged)
        assertThrows(StoreKeyException.Unreadable::class.java) { openPersonStore(db.path, vault) }
        assertArrayEquals(before, db.readBytes())
        assertArrayEquals("the damaged file is not deleted or replaced", damaged, keyFile.readBytes())
        // Too short to hold a nonce and a tag: the same typed error.
        keyFile.writeBytes(ByteArray(3))
        assertThrows(StoreKeyException.Unreadable::class.java) { openPersonStore(db.path, vault) }
        assertArrayEquals(before, db.readBytes())
    }

    @Test
    fun anotherKeysWrappingIsTheCoresWrongKeyAndTheStoreIsKept() {
        val before = encryptedStore()
        val ours = keyFile.readBytes()
        // A well-formed wrapped key, but of another key (say, a file from another install).
        val other = File(dir, "other.wrapped")
        StoreKeyVault(other, TestApplication.storeWrapper).newKey()
        keyFile.writeBytes(other.readBytes())
        assertThrows(WellbeingException.WrongKey::class.java) { openPersonStore(db.path, vault) }
        assertArrayEquals(before, db.readBytes())
        // Nothing was lost: with its own wrapped key back, the store opens with its entry.
        keyFile.writeBytes(ours)
        openPersonStore(db.path, vault).use { assertEquals(7, it.scalingCheckInToday()?.value) }
    }
}
