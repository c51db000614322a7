//! Calls every swta_tn_* export natively: status codes, bad handles and lengths, live handles back to 0.

use swta_abi::tn::*;

fn relay_type() -> Vec<i32> {
    // sigma0..3, s0..3, b0..3, sigma_lambda, lambda, c_lambda, epsilon, alpha, beta, TM, gamma, kappa, R, V
    vec![1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0]
}

#[test]
fn every_export_round_trip() {
    unsafe {
        let mut h = 0u32;
        assert_eq!(swta_tn_create(2, 1, &mut h), 0);
        assert_eq!(swta_tn_config(h, 0, 32), 0);
        assert_eq!(swta_tn_config(h, 1 << 20, 32), 1);
        assert_eq!(swta_tn_record(h, 2), 0);
        assert_eq!(swta_tn_record(h, 3), 1);
        let t = relay_type();
        assert_eq!(swta_tn_set_types(h, t.as_ptr(), 1), 0);
        assert_eq!(swta_tn_set_types(h, std::ptr::null(), 1), 1);
        let at = [0u8; 256];
        let mut xb = vec![0u32; 2048];
        xb[0] = 1; // axon 0 → neuron 0
        assert_eq!(swta_tn_set_core(h, 0, 7, at.as_ptr(), 256, xb.as_ptr(), 2048), 0);
        assert_eq!(swta_tn_set_core(h, 0, 7, at.as_ptr(), 255, xb.as_ptr(), 2048), 1);
        assert_eq!(swta_tn_set_core(h, 9, 7, at.as_ptr(), 256, xb.as_ptr(), 2048), 2);
        let mut types = vec![-1i32; 256];
        types[0] = 0;
        let mut dest = vec![0i32; 1024];
        for j in 0..256 {
            dest[4 * j + 2] = -1;
            dest[4 * j + 3] = 1;
        }
        dest[0..4].copy_from_slice(&[1, 0, 7, 3]);
        assert_eq!(swta_tn_set_neurons(h, 0, types.as_ptr(), 256, dest.as_ptr(), 1024), 0);
        let v = vec![0i32; 256];
        assert_eq!(swta_tn_set_potentials(h, 1, v.as_ptr(), 256), 0);
        let mut out = vec![0u32; 2048];
        assert_eq!(swta_tn_crossbar(h, 0, out.as_mut_ptr(), 2048), 0);
        assert_eq!(out, xb);
        let inp = [2i32, 0, 0];
        assert_eq!(swta_tn_inject(h, inp.as_ptr(), 3), 0);
        assert_eq!(swta_tn_inject(h, inp.as_ptr(), 2), 1);
        assert_eq!(swta_tn_run(h, 10), 0);
        assert_eq!(swta_tn_spikes_count(h), 1);
        let rec = std::slice::from_raw_parts(swta_tn_spikes_ptr(h), 3);
        assert_eq!(rec, &[2, 0, 0]);
        let mut pv = vec![9i32; 256];
        assert_eq!(swta_tn_potentials(h, 0, pv.as_mut_ptr(), 256), 0);
        assert_eq!(pv[0], 0);
        let mut st = [0f64; 8];
        assert_eq!(swta_tn_stats(h, st.as_mut_ptr(), 8), 0);
        assert_eq!(st[0], 10.0);
        assert_eq!(st[1], 1.0);
        assert_eq!(swta_tn_stats(h, st.as_mut_ptr(), 4), 1);
        assert_eq!(swta_tn_free(h), 0);
        assert_eq!(swta_tn_free(h), 2);
        assert_eq!(swta_tn_run(h, 1), 2);
        assert!(swta_tn_spikes_ptr(h).is_null());
        assert_eq!(swta_tn_live(), 0);
    }
}
