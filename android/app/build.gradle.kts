// The Android app: the shared composables (../ui), the uniffi bindings generated from the core,
// and the core itself cross-compiled by cargo-ndk for the four Android ABIs.
plugins {
    alias(libs.plugins.android.application)
    alias(libs.plugins.kotlin.android)
    alias(libs.plugins.kotlin.compose)
}

val workspace = rootProject.projectDir.parentFile
val jniLibsDir = layout.buildDirectory.dir("cargo-ndk/jniLibs")

android {
    namespace = "org.wellbeingcompanion.android"
    compileSdk = 36
    defaultConfig {
        applicationId = "org.wellbeingcompanion.android"
        minSdk = 26
        targetSdk = 36
        versionCode = 1
        versionName = "0.1.0"
        ndk { abiFilters += listOf("arm64-v8a", "armeabi-v7a", "x86_64", "x86") }
    }
    buildTypes {
        release {
            isMinifyEnabled = true
            proguardFiles(getDefaultProguardFile("proguard-android-optimize.txt"), "proguard-rules.pro")
        }
    }
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    buildFeatures { compose = true }
    sourceSets["main"].apply {
        // The same composables the desktop tests compile (android/desktop-test), and the bindings
        // bindings/generate.sh writes from the built core (never committed).
        java.srcDirs("src/main/kotlin", "../ui/src/main/kotlin", File(workspace, "target/bindings/kotlin"))
        jniLibs.srcDir(jniLibsDir)
    }
}

kotlin { jvmToolchain(17) }

/** The core for every ABI: `cargo ndk` (cargo install cargo-ndk; the NDK from Android Studio). */
val cargoNdk by tasks.registering(Exec::class) {
    workingDir = workspace
    commandLine(
        "cargo",
        "ndk",
        "-t",
        "arm64-v8a",
        "-t",
        "armeabi-v7a",
        "-t",
        "x86_64",
        "-t",
        "x86",
        "-o",
        jniLibsDir.get().asFile.path,
        "build",
        "--release",
        "-p",
        "wellbeing-ffi",
    )
}

/** The Kotlin bindings, generated from the host build of the same core. */
val uniffiBindings by tasks.registering(Exec::class) {
    workingDir = workspace
    commandLine("bindings/generate.sh", "--release")
}

tasks.named("preBuild") { dependsOn(cargoNdk, uniffiBindings) }

dependencies {
    implementation(platform(libs.androidx.compose.bom))
    implementation(libs.androidx.compose.ui)
    implementation(libs.androidx.compose.foundation)
    implementation(libs.androidx.compose.material3)
    implementation(libs.androidx.compose.ui.tooling.preview)
    implementation(libs.androidx.activity.compose)
    implementation(libs.androidx.lifecycle.viewmodel.compose)
    implementation(libs.kotlinx.coroutines.android)
    // Reminders: one unique job at the core's next instant (Reminders.kt).
    implementation(libs.androidx.work.runtime)
    // JNA's Android build ships its own libjnidispatch.so per ABI inside the aar.
    implementation("${libs.jna.get()}@aar")
}
