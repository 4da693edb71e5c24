//! Rebuilds the crate when a file is added under `h5/`: the pages are built into the binary,
//! and the compiler by itself only notices changes to the files it already embeds.

fn main() {
    println!("cargo:rerun-if-changed=h5");
}
